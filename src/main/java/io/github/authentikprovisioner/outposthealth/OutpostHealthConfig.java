package io.github.authentikprovisioner.outposthealth;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the outpost check runs ({@code PROVISIONER_OUTPOST_*} environment variables). */
@ConfigMapping(prefix = "provisioner.outpost")
public interface OutpostHealthConfig {

    /** How often outposts and protected hosts are checked ({@code PROVISIONER_OUTPOST_CHECK_INTERVAL}). */
    @WithDefault("60s")
    Duration checkInterval();

    /**
     * Whether the check puts back what this service manages ({@code PROVISIONER_OUTPOST_HEAL}): a managed provider
     * missing from the embedded outpost, a wrong {@code authentik_host}. {@code false} only reports.
     */
    @WithDefault("true")
    boolean heal();

    /**
     * How long after a change a host the outpost does not serve yet is "propagating" rather than "not served"
     * ({@code PROVISIONER_OUTPOST_PROPAGATION}): outposts reload within seconds of a change, and every refresh
     * interval (5 minutes by default) at the latest.
     */
    @WithDefault("60s")
    Duration propagation();

    /**
     * How old an outpost's latest hello may be ({@code PROVISIONER_OUTPOST_STALE_AFTER}). Outposts say hello every
     * 10 s and authentik forgets an instance 15 s after its last message, so this mostly absorbs clock skew.
     */
    @WithDefault("150s")
    Duration staleAfter();

    /**
     * The forward-auth address the probes call ({@code PROVISIONER_OUTPOST_FORWARD_AUTH_URL}); by default the one
     * Traefik's middleware calls ({@code TRAEFIK_OUTPOST_URL} + {@code /outpost.goauthentik.io/auth/traefik}).
     */
    Optional<URI> forwardAuthUrl();

    /**
     * Hosts to probe under domain-level providers ({@code PROVISIONER_OUTPOST_DOMAIN_HOSTS}, comma-separated): each
     * host ending in a provider's cookie domain is probed; a provider with none is probed at its external host.
     */
    Optional<List<String>> domainHosts();

    /**
     * How often a scheduled check asks the embedded outpost about every host ({@code
     * PROVISIONER_OUTPOST_FULL_PROBE_INTERVAL}); in between, a host is asked only when what the outpost serves for it
     * may have changed (its provider, application, outpost assignment, {@code authentik_host}, a new outpost instance)
     * or while it is not served. Each request about a served host makes the embedded outpost store a session row in
     * authentik's PostgreSQL for the provider's access token validity (see {@link ProbePlan}): every interval, one
     * row per host. {@code ?refresh=true} asks about every host at once.
     */
    @WithDefault("1h")
    Duration fullProbeInterval();

    /** How long one probe may take, connecting included ({@code PROVISIONER_OUTPOST_PROBE_TIMEOUT}). */
    @WithDefault("3s")
    Duration probeTimeout();

    /** How many probes run at once ({@code PROVISIONER_OUTPOST_PROBE_CONCURRENCY}). */
    @WithDefault("8")
    int probeConcurrency();

    /**
     * The longest wait between first attempts while authentik does not answer after start; they begin one second
     * apart and double ({@code PROVISIONER_OUTPOST_FIRST_CHECK_MAX_BACKOFF}).
     */
    @WithDefault("4s")
    Duration firstCheckMaxBackoff();
}
