package io.github.authentikprovisioner.traefik;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;

/** Stops the start when the Traefik settings cannot be used ({@link TraefikConfig#problem()}), naming the variable. */
@ApplicationScoped
class TraefikSettings {

    void atStart(@Observes StartupEvent start, TraefikConfig config) {
        String problem = config.problem();
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
    }
}
