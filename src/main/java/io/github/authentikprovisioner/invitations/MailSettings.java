package io.github.authentikprovisioner.invitations;

import java.util.Locale;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The SMTP server invitations are sent through: the same {@code AUTHENTIK_EMAIL__*} variables authentik reads, bound
 * in {@code application.properties}. Without a host, sending is "not configured" and invitations are only returned
 * as links.
 */
@ConfigMapping(prefix = "authentik.email")
public interface MailSettings {

    /** SMTP host ({@code AUTHENTIK_EMAIL__HOST}); empty means email is not configured. */
    Optional<String> host();

    /** SMTP port ({@code AUTHENTIK_EMAIL__PORT}). */
    @WithDefault("25")
    int port();

    /** SMTP login ({@code AUTHENTIK_EMAIL__USERNAME}); none when empty. */
    Optional<String> username();

    /** SMTP password ({@code AUTHENTIK_EMAIL__PASSWORD}); never logged. */
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

    /** Seconds to wait for the SMTP server before giving up on one email ({@code AUTHENTIK_EMAIL__TIMEOUT}). */
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

    /** authentik's reading of a boolean variable: only "true", in any case, is true. */
    static boolean isTrue(String value) {
        return value != null && value.trim().toLowerCase(Locale.ROOT).equals("true");
    }
}
