package io.github.authentikprovisioner.protectedapp;

import java.net.URI;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where browsers reach this service, to put it behind authentik itself ({@code PROVISIONER_SELF_*}). */
@ConfigMapping(prefix = "provisioner.self")
public interface SelfProtectionConfig {

    /**
     * This service's public URL behind Traefik, e.g. {@code https://provisioner.example.com}
     * ({@code PROVISIONER_SELF_PUBLIC_URL}); when set, the service keeps it protected by authentik: a protected app
     * named after the service, open to {@link #accessGroup()}. Unset: nothing is done.
     */
    Optional<URI> publicUrl();

    /** The only group whose members may open it ({@code PROVISIONER_SELF_ACCESS_GROUP}). */
    @WithDefault("authentik Admins")
    String accessGroup();
}
