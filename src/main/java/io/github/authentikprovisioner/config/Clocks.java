package io.github.authentikprovisioner.config;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The one clock the paced jobs read ({@link io.github.authentikprovisioner.authentik.Pace}), injected, so that tests
 * move time on instead of sleeping.
 */
class Clocks {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
