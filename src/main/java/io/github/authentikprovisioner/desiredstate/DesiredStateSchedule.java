package io.github.authentikprovisioner.desiredstate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

import io.github.authentikprovisioner.authentik.Pace;
import io.github.authentikprovisioner.config.ProvisionerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * Keeps authentik at the desired-state file ({@code PROVISIONER_DESIRED_STATE_FILE}): applied as soon as authentik
 * answers after start, then every {@code PROVISIONER_RECONCILE_INTERVAL}, so changes made by hand to managed fields
 * are put back. The scheduler ticks every second and {@link RunTimer} says whether a run is due, retrying from 1 s up
 * to the interval while authentik does not answer. Logs counts and change summaries only, never requests.
 */
@ApplicationScoped
public class DesiredStateSchedule {

    private static final Logger LOG = Logger.getLogger(DesiredStateSchedule.class);

    /** The last scheduled run: when it ended, its report or why it failed, and when the next one is due. */
    @Schema(name = "LastRun")
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record LastRun(
            @Schema(description = "When the last run (or attempt) ended") Instant at,
            Path file,
            @Schema(description = "What the last run did; null when it failed") DesiredStateReport report,
            @Schema(description = "Why the last run failed; null when it applied the file") String error,
            @Schema(description = "When the file is applied next") Instant nextRunAt,
            @Schema(description = "While authentik does not answer (unreachable, 5xx, too slow, token refused): the "
                    + "attempts so far, retried after 1 s, 2 s, 4 s, ... up to the reconcile interval; null otherwise")
            Waiting waitingForAuthentik) {
    }

    /** The runs in a row that authentik did not answer. */
    @Schema(name = "LastRunWaiting")
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record Waiting(
            @Schema(description = "Attempts in a row that authentik did not answer", examples = "3") int attempts,
            @Schema(description = "When the first of them ended") Instant since) {
    }

    private final ProvisionerConfig config;
    private final DesiredStateApplier applier;
    private final MeterRegistry meters;
    private final AtomicReference<Pace> timer = new AtomicReference<>(Pace.AT_START);
    private final Clock clock;
    private final AtomicReference<LastRun> last = new AtomicReference<>();

    DesiredStateSchedule(ProvisionerConfig config, DesiredStateApplier applier, MeterRegistry meters, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.applier = applier;
        this.meters = meters;
    }

    public Optional<LastRun> lastRun() {
        return Optional.ofNullable(last.get());
    }

    /** Every second: applies the file when a run is due (the first one at once). */
    @Scheduled(identity = "desired-state", every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void tick() {
        if (config.desiredStateFile().isPresent() && timer.get().due(clock.instant())) {
            reconcile();
        }
    }

    /** Applies the file now, whenever the next run was due, and sets when the next one is. */
    public void reconcile() {
        Optional<Path> file = config.desiredStateFile();
        if (file.isEmpty()) {
            return;
        }
        try {
            String text = Files.readString(file.get());
            DesiredStateReport report = applier.apply(DesiredStateDocument.parseExpanding(text, System.getenv()), false);
            Instant end = clock.instant();
            Pace next = ended(RunTimer.Ending.APPLIED, end);
            last.set(new LastRun(end, file.get(), report, null, next.next(), null));
            meters.counter("provisioner.desired_state.runs", "result", "success").increment();
            meters.counter("provisioner.desired_state.writes").increment(report.authentikCalls().writes());
            if (report.authentikCalls().writes() > 0) {
                report.entries().stream().filter(e -> e.authentikCalls().writes() > 0).forEach(e -> LOG.infof(
                        "client=schedule desired state: %s %s (%s)", e.recipe(), e.status().json(), e.changes().stream()
                                .filter(c -> c.action() != io.github.authentikprovisioner.reconcile.Change.Action.NONE)
                                .map(c -> c.action().json() + " " + c.kind() + " '" + c.name() + "'").toList()));
            } else {
                LOG.debugf("desired state: %d entries, nothing to change", report.entries().size());
            }
        } catch (IOException | RuntimeException e) {
            String reason = e instanceof IOException ? "cannot read " + file.get() + ": " + e.getMessage()
                    : e.getMessage();
            Instant end = clock.instant();
            Pace next = ended(RunTimer.Ending.of(e), end);
            Waiting waiting = next.failures() > 0 ? new Waiting(next.failures(), next.failingSince()) : null;
            last.set(new LastRun(end, file.get(), null, reason, next.next(), waiting));
            meters.counter("provisioner.desired_state.runs", "result", "failure").increment();
            if (waiting != null) {
                LOG.warnf("desired state not applied yet, authentik did not answer (attempt %d, next at %s): %s",
                        waiting.attempts(), next.next(), reason);
            } else {
                LOG.warnf("desired state not applied (next at %s): %s", next.next(), reason);
            }
        }
    }

    /** Forgets every run, as a fresh start does: the next tick applies the file. */
    void startOver() {
        timer.set(Pace.AT_START);
        last.set(null);
    }

    private Pace ended(RunTimer.Ending ending, Instant end) {
        return timer.updateAndGet(t -> RunTimer.after(t, ending, end, config.reconcileInterval()));
    }
}
