package io.github.authentikprovisioner.traefik;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How Traefik reaches authentik's embedded outpost ({@code TRAEFIK_*} environment variables). */
@ConfigMapping(prefix = "traefik")
public interface TraefikConfig {

    /** Base URL of the embedded outpost as Traefik reaches it on the Docker network. */
    @WithDefault("http://authentik-server:9000")
    String outpostUrl();

    /**
     * Name Traefik gives the provider serving {@code /traefik/dynamic-config}: middlewares are referred to as
     * {@code authentik@<name>} ({@code http} for the HTTP provider, {@code file} for the file provider).
     */
    @WithDefault("http")
    String providerNamespace();

    /** Largest forwardAuth answer Traefik reads from the outpost, in bytes. */
    @WithDefault("1048576")
    long maxResponseBodySize();

    /** The forwardAuth address Traefik's middleware calls. */
    default String forwardAuthAddress() {
        String base = outpostUrl().endsWith("/") ? outpostUrl().substring(0, outpostUrl().length() - 1) : outpostUrl();
        return base + "/outpost.goauthentik.io/auth/traefik";
    }
}
