package io.github.authentikprovisioner.outposthealth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * The last check as Prometheus metrics: {@code provisioner_outpost_instances{outpost,state}},
 * {@code provisioner_protected_hosts{state}} (every state, zeros included),
 * {@code provisioner_outpost_last_seen_age_seconds{outpost}}, {@code provisioner_outpost_heals_total{reason}} and
 * {@code provisioner_outpost_check_duration_seconds}.
 */
@ApplicationScoped
class OutpostMetrics {

    private final MeterRegistry registry;
    private final MultiGauge instances;
    private final MultiGauge hosts;
    private final MultiGauge lastSeenAge;
    private final Timer duration;

    OutpostMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.instances = MultiGauge.builder("provisioner.outpost.instances")
                .description("Instances of each outpost by state, at the last check").register(registry);
        this.hosts = MultiGauge.builder("provisioner.protected.hosts")
                .description("Hosts outposts should protect, by state, at the last check").register(registry);
        this.lastSeenAge = MultiGauge.builder("provisioner.outpost.last.seen.age").baseUnit("seconds")
                .description("Seconds since any instance of the outpost said hello, at the last check")
                .register(registry);
        this.duration = Timer.builder("provisioner.outpost.check.duration")
                .description("How long an outpost check took, probes and healing included").register(registry);
    }

    void record(OutpostHealthReport report, Duration took) {
        duration.record(took);
        List<MultiGauge.Row<?>> instanceRows = new ArrayList<>();
        List<MultiGauge.Row<?>> ageRows = new ArrayList<>();
        Instant at = report.checkedAt() == null ? Instant.now() : report.checkedAt();
        for (OutpostHealthReport.Outpost o : report.outposts()) {
            Map<OutpostConnection, Integer> byState = new EnumMap<>(OutpostConnection.class);
            for (OutpostConnection s : List.of(OutpostConnection.CONNECTED, OutpostConnection.OUTDATED,
                    OutpostConnection.STALE)) {
                byState.put(s, 0);
            }
            o.instances().forEach(i -> byState.merge(i.state(), 1, Integer::sum));
            byState.forEach((state, n) -> instanceRows.add(
                    MultiGauge.Row.of(Tags.of("outpost", o.name(), "state", state.json()), n)));
            if (o.lastSeen() != null) {
                ageRows.add(MultiGauge.Row.of(Tags.of("outpost", o.name()),
                        Math.max(0, Duration.between(o.lastSeen(), at).toMillis() / 1000.0)));
            }
        }
        Map<HostState, Integer> byState = new EnumMap<>(HostState.class);
        for (HostState s : HostState.values()) {
            byState.put(s, 0);
        }
        report.hosts().forEach(h -> byState.merge(h.state(), 1, Integer::sum));
        List<MultiGauge.Row<?>> hostRows = new ArrayList<>();
        byState.forEach((state, n) -> hostRows.add(MultiGauge.Row.of(Tags.of("state", state.json()), n)));
        instances.register(instanceRows, true);
        lastSeenAge.register(ageRows, true);
        hosts.register(hostRows, true);
    }

    void healed(String reason) {
        registry.counter("provisioner.outpost.heals", "reason", reason).increment();
    }
}
