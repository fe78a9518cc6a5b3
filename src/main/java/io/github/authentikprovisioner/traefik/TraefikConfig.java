package io.github.authentikprovisioner.traefik;

import java.util.OptionalLong;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How Traefik reaches authentik's embedded outpost ({@code TRAEFIK_*} environment variables). */
@ConfigMapping(prefix = "traefik")
public interface TraefikConfig {

    /**
     * The highest priority a user-defined router may have on every platform Traefik runs on: {@code MaxInt32 - 1000};
     * the range above is reserved for Traefik's internal routers (Traefik docs, "Rules &amp; Priority", Priority
     * Calculation).
     */
    long MAX_USER_PRIORITY = Integer.MAX_VALUE - 1000L;

    /** Base URL of the embedded outpost as Traefik reaches it on the Docker network. */
    @WithDefault("http://authentik-server:9000")
    String outpostUrl();

    /**
     * Name Traefik gives the provider serving {@code /traefik/dynamic-config}: middlewares are referred to as
     * {@code authentik@<name>} ({@code http} for the HTTP provider, {@code file} for the file provider).
     */
    @WithDefault("http")
    String providerNamespace();

    /**
     * Largest forwardAuth answer Traefik reads from the outpost, in bytes, or {@code off} to leave the field out.
     * Traefik knows {@code maxResponseBodySize} from v3.6.9 on (its changelog, PR #12694) and an older one refuses the
     * whole provider configuration over the unknown field: set {@code off} for those. 4 MiB is what authentik's own
     * Traefik documentation sets (goauthentik/authentik PR #23494).
     */
    @WithDefault("4194304")
    String maxResponseBodySize();

    /**
     * Priority of the routers sending a host's {@code /outpost.goauthentik.io/} paths to the outpost. Traefik gives a
     * router without one the length of its rule, and the app's own router ({@code Host(`app.example.com`)}) must never
     * win those paths, whatever its rule or hand-set priority: so the highest a user router may have.
     */
    @WithDefault("2147482647")
    long outpostRouterPriority();

    /** The forwardAuth address Traefik's middleware calls. */
    default String forwardAuthAddress() {
        String base = outpostUrl().endsWith("/") ? outpostUrl().substring(0, outpostUrl().length() - 1) : outpostUrl();
        return base + "/outpost.goauthentik.io/auth/traefik";
    }

    /**
     * Why these settings cannot be used; null when they can. Checked at start ({@code TraefikSettings}), by code:
     * Bean Validation of a config mapping would start Hibernate Validator before the first request.
     */
    default String problem() {
        if (!maxResponseBodySize().matches("off|[1-9][0-9]{0,12}")) {
            return "TRAEFIK_MAX_RESPONSE_BODY_SIZE must be a size in bytes or 'off'";
        }
        if (outpostRouterPriority() < 1 || outpostRouterPriority() > MAX_USER_PRIORITY) {
            return "TRAEFIK_OUTPOST_ROUTER_PRIORITY must be between 1 and " + MAX_USER_PRIORITY
                    + " (Traefik reserves the priorities above for its own routers)";
        }
        return null;
    }

    /** {@link #maxResponseBodySize()} as a number of bytes; empty when {@code off}. */
    default OptionalLong responseBodyLimit() {
        return "off".equals(maxResponseBodySize()) ? OptionalLong.empty()
                : OptionalLong.of(Long.parseLong(maxResponseBodySize()));
    }
}
