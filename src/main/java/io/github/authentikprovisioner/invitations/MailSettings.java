package io.github.authentikprovisioner.invitations;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The SMTP server invitations are sent through: the same {@code AUTHENTIK_EMAIL__*} variables authentik reads, bound
 * in {@code application.properties} (which also hands them to {@code quarkus.mailer.*}). Without a host, sending is
 * "not configured" and invitations are only returned as links.
 */
@ConfigMapping(prefix = "authentik.email")
public interface MailSettings {

    /** SMTP host ({@code AUTHENTIK_EMAIL__HOST}); empty means email is not configured. */
    Optional<String> host();

    /** SMTP port ({@code AUTHENTIK_EMAIL__PORT}). */
    @WithDefault("25")
    int port();

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
}
