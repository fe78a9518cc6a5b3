package io.github.authentikprovisioner.invitations;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.quarkus.qute.CheckedTemplate;

/**
 * Emails invitation links itself, because authentik 2026.2 cannot (upstream issues #3705, #25318): through the SMTP
 * server authentik is configured with ({@link MailSettings}), from a Qute template with a plain-text and an HTML part.
 *
 * <p>Sending never fails the request: the invitation exists either way, and the answer says why it was not emailed.
 * The link carries the invitation token, so it is never logged; neither is the SMTP password.
 */
@ApplicationScoped
public class InvitationMailer {

    private static final Logger LOG = Logger.getLogger(InvitationMailer.class);

    private final MailSettings settings;
    private final InvitationsConfig config;

    InvitationMailer(MailSettings settings, InvitationsConfig config) {
        this.settings = settings;
        this.config = config;
    }

    /** Templates {@code templates/InvitationMailer/invitation.txt} and {@code .html}. */
    @CheckedTemplate
    static class Templates {
        static native MailTemplateInstance invitation(String link, Instant expires, boolean singleUse, String site);
    }

    /** Whether an email went out for the invitation {@code name}, and if not, why. */
    public record Delivery(boolean sent, String detail) {
        public static Delivery notSent(String why) {
            return new Delivery(false, why);
        }
    }

    /** Emails {@code link} to {@code to}; waits at most {@code AUTHENTIK_EMAIL__TIMEOUT} for the SMTP server. */
    public Delivery send(String name, String to, String link, Instant expires, boolean singleUse, String publicUrl) {
        if (!settings.configured()) {
            return Delivery.notSent("email is not configured (AUTHENTIK_EMAIL__HOST is empty); hand the link over "
                    + "yourself");
        }
        try {
            Templates.invitation(link, expires, singleUse, publicUrl).to(to).from(settings.from()).subject(config.mailSubject())
                    .send().await().atMost(Duration.ofSeconds(settings.timeout()));
            LOG.infof("emailed invitation '%s'", name);
            return new Delivery(true, "sent to " + to + " through " + settings.host().orElseThrow() + ":"
                    + settings.port());
        } catch (RuntimeException e) {
            String why = describe(e);
            LOG.warnf("could not email invitation '%s' through %s:%d: %s", name, settings.host().orElseThrow(),
                    settings.port(), why);
            return Delivery.notSent("sending the email through " + settings.host().orElseThrow() + ":"
                    + settings.port() + " failed: " + why + "; the invitation was created, hand the link over yourself");
        }
    }

    private static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }
}
