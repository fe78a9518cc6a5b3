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
 * <p>The token is checked at startup: the service refuses to start without one of at least 32 characters (by the
 * filter that guards every path, {@code api/ApiTokenFilter}, not by Bean Validation: validating a config mapping
 * starts Hibernate Validator before the first request, about a third of the JVM's start-up).
 */
@ConfigMapping(prefix = "provisioner")
public interface ProvisionerConfig {

    /** Bearer token that callers of this API must present; at least 32 characters, not all blank. */
    String apiToken();

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
