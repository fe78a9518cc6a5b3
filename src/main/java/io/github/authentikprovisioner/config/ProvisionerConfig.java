package io.github.authentikprovisioner.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of this service's own API ({@code PROVISIONER_*} environment variables).
 *
 * <p>The clients are checked at startup ({@code access/Clients}): the service refuses to start without a usable
 * token, naming the variable and never the value; by code, not Bean Validation, which validating a config mapping
 * would start before the first request (about a third of the JVM's start-up).
 */
@ConfigMapping(prefix = "provisioner")
public interface ProvisionerConfig {

    /**
     * The bearer token of the client {@code admin}, which may do everything ({@code PROVISIONER_API_TOKEN}): at least
     * 32 characters, not the placeholder of {@code .env.example}. Optional when {@link #clientsFile()} names the
     * clients.
     */
    Optional<String> apiToken();

    /**
     * The clients of this API, one per caller, each with the SHA-256 of its token and its scopes
     * ({@code PROVISIONER_CLIENTS_FILE}, YAML: {@code - {name: traefik, sha256: <hex>, scopes: [traefik]}}); read again
     * when it changes, so tokens rotate without a restart.
     */
    Optional<Path> clientsFile();

    /** Path prefixes served without the bearer token; health probes must stay reachable for Docker. */
    @WithDefault("/q/health")
    List<String> publicPaths();

    /** Value of {@code Retry-After} on 503 answers while authentik is unreachable. */
    @WithDefault("PT10S")
    Duration retryAfter();

    /**
     * A desired-state document applied as soon as authentik answers after start (retried after 1 s, 2 s, 4 s, … up
     * to {@link #reconcileInterval()} while it does not) and then every {@link #reconcileInterval()}.
     */
    Optional<Path> desiredStateFile();

    /** How often the desired-state file is applied again, correcting drift (e.g. 5m, 1h, PT30M). */
    @WithDefault("5m")
    Duration reconcileInterval();
}
