package io.github.authentikprovisioner.authentik;

import java.net.URI;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where authentik is and how this service talks to it ({@code AUTHENTIK_*} environment variables).
 *
 * <p>Call timeouts live with the REST client ({@code AUTHENTIK_CONNECT_TIMEOUT_MS}, {@code AUTHENTIK_READ_TIMEOUT_MS}
 * in {@code application.properties}) because the client reads them from there.
 */
@ConfigMapping(prefix = "authentik")
public interface AuthentikConfig {

    /** Base URL of authentik as this service reaches it, e.g. {@code http://authentik-server:9000}; {@code /api/v3} is appended. */
    URI url();

    /**
     * The first API token ({@code AUTHENTIK_TOKEN}, intent {@code api}), e.g. {@code AUTHENTIK_BOOTSTRAP_TOKEN},
     * akadmin's: used until this service runs on its own token ({@link #serviceToken()}) and to set that one up.
     * Optional once the hand-over is done. Never logged.
     */
    Optional<String> token();

    /**
     * This service's own API key ({@code AUTHENTIK_SERVICE_TOKEN}, a secret {@code deploy/init.sh} generates): the
     * hand-over gives it to the token {@code authentik-provisioner} of the service account of that name and then
     * calls authentik with it. Unset: the service keeps using {@link #token()}. Never logged.
     */
    Optional<String> serviceToken();

    /** Public URL of authentik as browsers reach it, e.g. {@code https://auth.example.com}: used in links, outpost config and Traefik output. */
    URI publicUrl();

    /** Page size used when paging through authentik lists (authentik caps it at 100). */
    @WithDefault("100")
    int pageSize();

    /**
     * How many independent reads one request makes at once ({@code AUTHENTIK_READ_CONCURRENCY}): the kinds a run will
     * look up are read in parallel up to this bound. authentik's default server runs a few workers with a few
     * threads each; keep this at or below what it serves at once.
     */
    @WithDefault("4")
    int readConcurrency();

    /** How often a failed read (GET) is retried when authentik is unreachable or answers 5xx; writes never are. */
    @WithDefault("2")
    int readRetries();

    /** Pause before retrying a read (with up to half of it added at random). */
    @WithDefault("PT0.2S")
    java.time.Duration readRetryDelay();

    /**
     * How long one request may keep calling authentik ({@code AUTHENTIK_REQUEST_DEADLINE}): past it the next call is
     * not made and the request answers 504 with Retry-After; every recipe is idempotent, so a re-run converges.
     */
    @WithDefault("PT30S")
    java.time.Duration requestDeadline();

    /** The same for a whole desired-state document, applied in one session ({@code AUTHENTIK_DOCUMENT_DEADLINE}). */
    @WithDefault("PT5M")
    java.time.Duration documentDeadline();

    /**
     * How long readiness waits for authentik to answer ({@code AUTHENTIK_READINESS_WAIT}); past it, it answers from
     * what it last saw (and the check goes on, for the next probe), so Docker and containers waiting on the service's
     * health get an answer within a couple of seconds however slowly authentik answers.
     */
    @WithDefault("PT1S")
    java.time.Duration readinessWait();

    /** Public URL without a trailing slash, the form authentik and Traefik expect. */
    default String publicBase() {
        String s = publicUrl().toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
