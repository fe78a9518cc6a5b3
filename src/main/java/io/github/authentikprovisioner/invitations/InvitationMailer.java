package io.github.authentikprovisioner.invitations;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.github.authentikprovisioner.mail.MailSettings;
import io.github.authentikprovisioner.mail.SmtpClients;
import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.Template;
import io.quarkus.qute.Variant;
import io.vertx.ext.mail.MailMessage;
import io.vertx.mutiny.ext.mail.MailClient;

/**
 * Emails invitation links itself, because authentik 2026.2 cannot (upstream issues #3705, #25318): through the SMTP
 * server authentik is configured with ({@link MailSettings}), from Qute templates with a plain-text and an HTML
 * part ({@code templates/InvitationMailer/invitation.txt} and {@code .html}, HTML-escaped), connected as authentik
 * connects ({@link SmtpClients}).
 *
 * <p>Sending never fails the request: the invitation exists either way, and the answer says why it was not emailed.
 * The link carries the invitation token, so it is never logged; neither is the SMTP password.
 */
@ApplicationScoped
public class InvitationMailer {

    private static final Logger LOG = Logger.getLogger(InvitationMailer.class);
    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);

    private final MailSettings settings;
    private final InvitationsConfig config;
    private final SmtpClients clients;
    private final Template text;
    private final Template html;

    InvitationMailer(MailSettings settings, InvitationsConfig config, SmtpClients clients) {
        this.settings = settings;
        this.config = config;
        this.clients = clients;
        Engine engine = Engine.builder().addDefaults().addResultMapper(new HtmlEscaper(java.util.List.of("text/html")))
                .build();
        this.text = engine.parse(resource("templates/InvitationMailer/invitation.txt"),
                Variant.forContentType("text/plain"));
        this.html = engine.parse(resource("templates/InvitationMailer/invitation.html"),
                Variant.forContentType("text/html"));
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
        if (!settings.problems().isEmpty()) {
            return Delivery.notSent(settings.problems().getFirst().message() + "; hand the link over yourself");
        }
        String server = settings.server();
        MailClient client = clients.open();
        try {
            // plain strings only: the engine then needs no reflection, also in the native image
            var data = java.util.Map.<String, Object>of("link", link, "expires", EXPIRY.format(expires),
                    "singleUse", singleUse, "site", publicUrl);
            MailMessage message = new MailMessage().setFrom(settings.from()).setTo(to).setSubject(config.mailSubject())
                    .setText(text.data(data).render()).setHtml(html.data(data).render());
            client.sendMail(message).await().atMost(settings.sendGuard());
            LOG.infof("emailed invitation '%s'", name);
            return new Delivery(true, "sent to " + to + " through " + server);
        } catch (RuntimeException e) {
            String why = settings.redact(describe(e));
            LOG.warnf("could not email invitation '%s' through %s: %s", name, server, why);
            return Delivery.notSent("sending the email through " + server + " failed: " + why
                    + "; the invitation was created, hand the link over yourself");
        } finally {
            client.closeAndForget();
        }
    }

    private static String resource(String path) {
        try (InputStream in = InvitationMailer.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing template " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
