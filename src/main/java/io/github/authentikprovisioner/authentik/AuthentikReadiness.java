package io.github.authentikprovisioner.authentik;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while authentik answers and accepts our token: without it no recipe can work. */
@Readiness
@ApplicationScoped
class AuthentikReadiness implements HealthCheck {

    private final Authentik authentik;

    AuthentikReadiness(Authentik authentik) {
        this.authentik = authentik;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            authentik.ping();
            return HealthCheckResponse.up("authentik");
        } catch (AuthentikException.TokenRefused e) {
            return HealthCheckResponse.named("authentik").down().withData("reason", "token refused").build();
        } catch (AuthentikException e) {
            return HealthCheckResponse.named("authentik").down().withData("reason", e.getMessage()).build();
        }
    }
}
