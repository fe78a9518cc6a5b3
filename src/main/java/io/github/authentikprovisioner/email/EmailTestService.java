package io.github.authentikprovisioner.email;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.github.authentikprovisioner.mail.MailSettings;
import io.github.authentikprovisioner.mail.SmtpClients;
import io.github.authentikprovisioner.mail.TlsMode;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.MailResult;
import io.vertx.mutiny.ext.mail.MailClient;

/**
 * Sends one test email through authentik's SMTP settings, the service's {@code ak test_email}: same server, same
 * sender, same TLS and login as authentik's own emails ({@link SmtpClients}). authentik's command
 * ({@code authentik/stages/email/management/commands/test_email.py}) sends through a temporary email stage with
 * global settings and only says "sent" or raises; this one reports the step that failed and the server's answer.
 *
 * <p>An action with no state to diff, and no authentik call at all, so it bypasses the reconciler. A failed
 * delivery is a result, not an error of this service: the caller asked for exactly this report.
 */
@ApplicationScoped
class EmailTestService {

    static final String SUBJECT = "authentik-provisioner: test email";

    private static final Logger LOG = Logger.getLogger(EmailTestService.class);

    private final MailSettings settings;
    private final SmtpClients clients;

    EmailTestService(MailSettings settings, SmtpClients clients) {
        this.settings = settings;
        this.clients = clients;
    }

    /**
     * Sends the test email to {@code request.to()}, waiting at most {@code AUTHENTIK_EMAIL__TIMEOUT} seconds.
     *
     * @throws EmailNotConfiguredException when the settings cannot send at all (no host, both TLS variables)
     */
    EmailTestResult send(EmailTest request) {
        List<MailSettings.Invalid> problems = settings.problems();
        if (!problems.isEmpty()) {
            throw new EmailNotConfiguredException(problems);
        }
        String username = settings.login() ? settings.username().orElseThrow() : null;
        long start = System.nanoTime();
        MailClient client = clients.open();
        try {
            MailMessage message = new MailMessage().setFrom(settings.from()).setTo(request.to()).setSubject(SUBJECT)
                    .setText(body(request.to(), username));
            MailResult sent = client.sendMail(message).await().atMost(settings.sendGuard());
            long ms = millisSince(start);
            LOG.infof("test email delivered through %s (%s) in %d ms", settings.server(), settings.tlsMode(), ms);
            return result(request, username, true, null, sent.getMessageID(), ms);
        } catch (RuntimeException e) {
            long ms = millisSince(start);
            SmtpFailure failure = SmtpFailure.of(e, settings);
            LOG.warnf("test email through %s (%s) failed at step %s: %s", settings.server(), settings.tlsMode(),
                    failure.step(), failure.reply());
            return result(request, username, false, failure, null, ms);
        } finally {
            client.closeAndForget();
        }
    }

    private EmailTestResult result(EmailTest request, String username, boolean delivered, SmtpFailure failure,
            String messageId, long ms) {
        return new EmailTestResult(delivered, request.to(), settings.from(), settings.host().orElseThrow(),
                settings.port(), settings.tlsMode(), username, failure == null ? null : failure.step(),
                failure == null ? null : failure.reply(), messageId, ms);
    }

    private String body(String to, String username) {
        return """
                This is a test email from authentik-provisioner.

                It went from %s to %s through %s (%s, %s): the SMTP settings authentik sends its own emails \
                with (AUTHENTIK_EMAIL__*). If it reached you, authentik's recovery, account confirmation and \
                invitation emails get through the same way.
                """.formatted(settings.from(), to, settings.server(), describe(settings.tlsMode()),
                username == null ? "without login" : "logged in as " + username);
    }

    private static String describe(TlsMode tls) {
        return switch (tls) {
            case NONE -> "no TLS";
            case STARTTLS -> "STARTTLS";
            case SSL -> "TLS from the first byte";
        };
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
