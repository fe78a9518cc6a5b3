package io.github.authentikprovisioner.bootstrap;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** When the automatic service-account hand-over tries again ({@code PROVISIONER_SERVICE_ACCOUNT_*} variables). */
@ConfigMapping(prefix = "provisioner.service-account")
public interface HandoverConfig {

    /**
     * Pause after a failed attempt, doubled after each further failure up to {@link #maxRetryDelay()}. While authentik
     * does not answer at all the attempts stay this far apart, so the first one comes as soon as it answers.
     */
    @WithDefault("PT2S")
    Duration retryDelay();

    /** The longest pause between two attempts, when authentik answers but refuses (a token refused, a write rejected). */
    @WithDefault("PT5M")
    Duration maxRetryDelay();
}
