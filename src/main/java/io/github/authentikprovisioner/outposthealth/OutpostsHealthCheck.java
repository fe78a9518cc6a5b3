package io.github.authentikprovisioner.outposthealth;

import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.smallrye.health.api.HealthGroup;

/**
 * {@code /q/health/group/outposts}: DOWN while the last check found a protected host that is not protected or not
 * reachable. Neither liveness nor readiness: a broken outpost is no reason to restart or unroute this service, whose
 * readiness stays about reaching authentik. Answers the last check's result, never checks itself.
 */
@HealthGroup("outposts")
@ApplicationScoped
class OutpostsHealthCheck implements HealthCheck {

    private final OutpostHealthService service;

    OutpostsHealthCheck(OutpostHealthService service) {
        this.service = service;
    }

    @Override
    public HealthCheckResponse call() {
        OutpostHealthReport report = service.last();
        boolean broken = report.hosts().stream().anyMatch(h -> h.state().broken());
        HealthCheckResponseBuilder out = HealthCheckResponse.named("outposts").status(!broken)
                .withData("status", report.status().json());
        if (report.checkedAt() != null) {
            out.withData("checkedAt", report.checkedAt().toString());
        }
        Map<String, Long> byState = new TreeMap<>();
        report.hosts().forEach(h -> byState.merge(h.state().json(), 1L, Long::sum));
        byState.forEach(out::withData);
        return out.build();
    }
}
