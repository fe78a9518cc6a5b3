package io.github.authentikprovisioner.invitations;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of {@code POST /invitations} ({@code PROVISIONER_INVITATIONS_*} environment variables). */
@ConfigMapping(prefix = "provisioner.invitations")
public interface InvitationsConfig {

    /** Longest validity an invitation may be given ({@code expiresIn}), as an ISO-8601 duration. */
    @WithDefault("P30D")
    Duration maxExpiry();

    /** Subject of the invitation email. */
    @WithDefault("You are invited to sign up")
    String mailSubject();
}
