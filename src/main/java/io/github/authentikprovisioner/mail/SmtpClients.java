package io.github.authentikprovisioner.mail;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.net.PemTrustOptions;

import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.StartTLSOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.mail.MailClient;

/**
 * Vert.x mail clients that connect to the SMTP server the way authentik connects with its global email settings, so
 * that every feature sending email (invitation links, the test email) behaves alike and a passing test email means
 * authentik's own emails get through too.
 *
 * <p>Each client serves one email and is closed by its caller: authentik opens a connection per email as well, and a
 * restarted SMTP server then never leaves a stale pooled connection behind.
 */
@ApplicationScoped
public class SmtpClients {

    private final MailSettings settings;
    private final MailTrust trust;
    private final Vertx vertx;

    SmtpClients(MailSettings settings, MailTrust trust, Vertx vertx) {
        this.settings = settings;
        this.trust = trust;
        this.vertx = vertx;
    }

    /**
     * A new client for one email; close it with {@code closeAndForget()} when done.
     *
     * @throws IllegalStateException when {@link MailSettings#problems()} says these settings cannot send
     */
    public MailClient open() {
        if (!settings.problems().isEmpty()) {
            throw new IllegalStateException(settings.problems().getFirst().message());
        }
        return MailClient.create(vertx, config(settings, trust));
    }

    /**
     * The client configuration of Django's SMTP backend as authentik sets it up (django/core/mail/backends/smtp.py
     * {@code EmailBackend.open}): {@code SMTP_SSL} for {@code USE_SSL}; for {@code USE_TLS}, {@code starttls()},
     * which fails when the server does not offer it (so required here) and is never attempted otherwise (disabled
     * here, even when offered); {@code login} only with both a username and a password. Certificates are checked
     * against the JVM's trust store, with the host name, as Python's default context does: Vert.x turns on
     * HTTPS-style host name verification for SSL and STARTTLS when nothing else is set ({@code SMTPConnectionPool}),
     * or against {@link MailTrust#caBundle()} when it is set.
     *
     * <p>The timeout is Django's: {@code smtplib.SMTP(host, port, timeout=...)} sets it as the socket's timeout, so it
     * bounds each socket operation (the connect, every wait for the server's next bytes, the TLS handshake), not the
     * whole email: a slow server that answers every command within it is waited for. Here it is the connect timeout,
     * the TLS handshake timeout and the idle timeout (no byte sent or received for that long closes the connection).
     * Callers only guard against a server that never stops dribbling, with {@link MailSettings#sendGuard()}.
     */
    static MailConfig config(MailSettings settings, MailTrust trust) {
        int seconds = (int) settings.timeoutPerOperation().toSeconds();
        MailConfig mail = new MailConfig().setHostname(settings.host().orElseThrow()).setPort(settings.port())
                .setSsl(settings.ssl())
                .setStarttls(settings.startTls() ? StartTLSOptions.REQUIRED : StartTLSOptions.DISABLED)
                .setKeepAlive(false)
                .setConnectTimeout(seconds * 1000)
                .setSslHandshakeTimeout(seconds).setSslHandshakeTimeoutUnit(TimeUnit.SECONDS)
                .setIdleTimeout(seconds).setIdleTimeoutUnit(TimeUnit.SECONDS);
        trust.caBundle().ifPresent(bundle -> mail.setPemTrustOptions(new PemTrustOptions()
                .addCertPath(bundle.toString())));
        if (settings.login()) {
            mail.setLogin(LoginOption.REQUIRED).setUsername(settings.username().orElseThrow())
                    .setPassword(settings.password().orElseThrow());
        } else {
            mail.setLogin(LoginOption.DISABLED);
        }
        return mail;
    }
}
