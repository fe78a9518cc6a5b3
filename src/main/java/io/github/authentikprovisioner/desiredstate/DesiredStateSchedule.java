package io.github.authentikprovisioner.desiredstate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.github.authentikprovisioner.config.ProvisionerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * Keeps authentik at the desired-state file ({@code PROVISIONER_DESIRED_STATE_FILE}): applied shortly after start
 * (retried each interval while authentik is still starting) and then every {@code PROVISIONER_RECONCILE_INTERVAL},
 * so changes made by hand to managed fields are put back. Logs counts and change summaries only, never requests.
 */
@ApplicationScoped
public class DesiredStateSchedule {

    private static final Logger LOG = Logger.getLogger(DesiredStateSchedule.class);

    /** The last scheduled run: when, its report, or why it failed. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record LastRun(Instant at, Path file, DesiredStateReport report, String error) {
    }

    private final ProvisionerConfig config;
    private final DesiredStateApplier applier;
    private final MeterRegistry meters;
    private final AtomicReference<LastRun> last = new AtomicReference<>();

    DesiredStateSchedule(ProvisionerConfig config, DesiredStateApplier applier, MeterRegistry meters) {
        this.config = config;
        this.applier = applier;
        this.meters = meters;
    }

    public Optional<LastRun> lastRun() {
        return Optional.ofNullable(last.get());
    }

    @Scheduled(identity = "desired-state", every = "${provisioner.reconcile-interval:5m}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void reconcile() {
        Optional<Path> file = config.desiredStateFile();
        if (file.isEmpty()) {
            return;
        }
        try {
            String text = Files.readString(file.get());
            DesiredStateReport report = applier.apply(DesiredStateDocument.parseExpanding(text, System.getenv()), false);
            last.set(new LastRun(Instant.now(), file.get(), report, null));
            meters.counter("provisioner.desired_state.runs", "result", "success").increment();
            meters.counter("provisioner.desired_state.writes").increment(report.authentikCalls().writes());
            if (report.authentikCalls().writes() > 0) {
                report.entries().stream().filter(e -> e.authentikCalls().writes() > 0).forEach(e -> LOG.infof(
                        "desired state: %s %s (%s)", e.recipe(), e.status().json(), e.changes().stream()
                                .filter(c -> c.action() != io.github.authentikprovisioner.reconcile.Change.Action.NONE)
                                .map(c -> c.action().json() + " " + c.kind() + " '" + c.name() + "'").toList()));
            } else {
                LOG.debugf("desired state: %d entries, nothing to change", report.entries().size());
            }
        } catch (IOException | RuntimeException e) {
            String reason = e instanceof IOException ? "cannot read " + file.get() + ": " + e.getMessage()
                    : e.getMessage();
            last.set(new LastRun(Instant.now(), file.get(), null, reason));
            meters.counter("provisioner.desired_state.runs", "result", "failure").increment();
            LOG.warnf("desired state not applied: %s", reason);
        }
    }
}
