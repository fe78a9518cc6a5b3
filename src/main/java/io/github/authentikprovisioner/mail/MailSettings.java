package io.github.authentikprovisioner.mail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The SMTP server authentik sends its emails through, read from the same {@code AUTHENTIK_EMAIL__*} variables
 * authentik reads (bound in {@code application.properties}), so that what this service sends (invitation links, test
 * emails) travels the way authentik's own emails do. Read as authentik 2026.2.2 reads them: its email stage with
 * global settings ({@code authentik/stages/email/models.py}, {@code EmailStage.backend}) hands them to Django's
 * SMTP backend ({@code django/core/mail/backends/smtp.py}).
 *
 * <p>One deliberate difference: authentik falls back to {@code localhost} without a host
 * ({@code authentik/lib/default.yml}); here an empty host means "not configured", so nothing is sent to a mail
 * server nobody set up.
 */
@ConfigMapping(prefix = "authentik.email")
public interface MailSettings {

    /** The variable naming the SMTP host, for messages that tell the user what to set. */
    String HOST_VARIABLE = "AUTHENTIK_EMAIL__HOST";

    /** SMTP host ({@code AUTHENTIK_EMAIL__HOST}); empty means email is not configured. */
    Optional<String> host();

    /** SMTP port ({@code AUTHENTIK_EMAIL__PORT}). */
    @WithDefault("25")
    int port();

    /** SMTP login ({@code AUTHENTIK_EMAIL__USERNAME}); no login without it. */
    Optional<String> username();

    /** SMTP password ({@code AUTHENTIK_EMAIL__PASSWORD}); never logged, never answered. */
    Optional<String> password();

    /** STARTTLS ({@code AUTHENTIK_EMAIL__USE_TLS}), "true" in any case as authentik reads it. */
    @WithDefault("false")
    String useTls();

    /** TLS from the first byte ({@code AUTHENTIK_EMAIL__USE_SSL}), "true" in any case as authentik reads it. */
    @WithDefault("false")
    String useSsl();

    /** Sender address ({@code AUTHENTIK_EMAIL__FROM}). */
    @WithDefault("authentik@localhost")
    String from();

    /**
     * Seconds to wait for the SMTP server in each socket operation, as Django's backend passes it to
     * {@code smtplib} ({@code AUTHENTIK_EMAIL__TIMEOUT}).
     */
    @WithDefault("10")
    int timeout();

    /** Whether an SMTP host is set. */
    default boolean configured() {
        return host().filter(h -> !h.isBlank()).isPresent();
    }

    default boolean startTls() {
        return isTrue(useTls());
    }

    default boolean ssl() {
        return isTrue(useSsl());
    }

    /** How the connection is secured: TLS from the start wins, as only one of the two may be set anyway. */
    default TlsMode tlsMode() {
        return ssl() ? TlsMode.SSL : startTls() ? TlsMode.STARTTLS : TlsMode.NONE;
    }

    /**
     * Whether authentik would log in: Django's backend calls {@code login} only {@code if self.username and
     * self.password}, so a username without a password sends without logging in.
     */
    default boolean login() {
        return username().filter(u -> !u.isEmpty()).isPresent() && password().filter(p -> !p.isEmpty()).isPresent();
    }

    /** {@code host:port}, for messages. */
    default String server() {
        return host().orElse("") + ":" + port();
    }

    /** How long one socket operation may wait (connect, a reply, the TLS handshake): {@link #timeout()}, ≥ 1 s. */
    default Duration timeoutPerOperation() {
        return Duration.ofSeconds(Math.max(1, timeout()));
    }

    /**
     * How long one email may take at most: three operations' worth, room for the two steps servers are slow at on
     * purpose (a greeting delayed against spam, a message scanned after DATA) besides quick ones. Django has no such
     * bound; it is needed here because the Vert.x mail client does not notice a connection closed before the server's
     * greeting (vertx-mail-client 4.5: the idle timeout closes the socket after {@link #timeoutPerOperation()}, the
     * send then never completes), so a server that never greets is reported after this guard.
     */
    default Duration sendGuard() {
        return timeoutPerOperation().multipliedBy(3);
    }

    /**
     * Why these settings cannot send, each naming the variable to fix; empty when they can. Both TLS variables at
     * once is refused as authentik refuses it: Django's backend raises "EMAIL_USE_TLS/EMAIL_USE_SSL are mutually
     * exclusive" and authentik's {@code send_mail} task gives up without sending ({@code authentik/stages/email/tasks.py}).
     */
    default List<Invalid> problems() {
        List<Invalid> out = new ArrayList<>();
        if (!configured()) {
            out.add(new Invalid(HOST_VARIABLE, "email is not configured: " + HOST_VARIABLE + " is empty"));
        }
        if (ssl() && startTls()) {
            String message = "AUTHENTIK_EMAIL__USE_TLS and AUTHENTIK_EMAIL__USE_SSL are both true, which authentik "
                    + "refuses (they are mutually exclusive): STARTTLS is USE_TLS (usually port 587), TLS from the "
                    + "first byte is USE_SSL (usually port 465)";
            out.add(new Invalid("AUTHENTIK_EMAIL__USE_TLS", message));
            out.add(new Invalid("AUTHENTIK_EMAIL__USE_SSL", message));
        }
        return out;
    }

    /**
     * {@code text} without the password, in clear or as the base64 an AUTH exchange sends it in, in case a server
     * echoes a command in its error reply.
     */
    default String redact(String text) {
        String secret = password().orElse("");
        if (text == null || secret.length() < 4) {
            return text; // too short to tell apart from ordinary text; nothing sent by us carries it anyway
        }
        Base64.Encoder b64 = Base64.getEncoder();
        String plain = "\0" + username().orElse("") + "\0" + secret;
        String out = text;
        for (String form : List.of(secret, b64.encodeToString(secret.getBytes(StandardCharsets.UTF_8)),
                b64.encodeToString(plain.getBytes(StandardCharsets.UTF_8)))) {
            out = out.replace(form, "********");
        }
        return out;
    }

    /** authentik's reading of a boolean variable ({@code CONFIG.get_bool}): only "true", in any case, is true. */
    static boolean isTrue(String value) {
        return value != null && value.toLowerCase(java.util.Locale.ROOT).equals("true");
    }

    /** One reason the settings cannot send: the variable to fix and what is wrong with it. */
    record Invalid(String variable, String message) {
    }
}
