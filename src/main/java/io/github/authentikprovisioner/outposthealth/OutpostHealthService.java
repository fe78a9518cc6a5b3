package io.github.authentikprovisioner.outposthealth;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.api.AuthentikCalls;
import io.github.authentikprovisioner.authentik.Authentik;
import io.github.authentikprovisioner.authentik.AuthentikException;
import io.github.authentikprovisioner.authentik.AuthentikSession;
import io.github.authentikprovisioner.authentik.Backoff;
import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.outpost.EmbeddedOutpost;
import io.github.authentikprovisioner.outposthealth.OutpostAssessment.Finding;
import io.github.authentikprovisioner.outposthealth.OutpostAssessment.Heal;
import io.github.authentikprovisioner.outposthealth.OutpostAssessment.History;
import io.github.authentikprovisioner.reconcile.Change;
import io.github.authentikprovisioner.reconcile.Outcome;
import io.github.authentikprovisioner.reconcile.Reconciler;
import io.github.authentikprovisioner.reconcile.Ref;
import io.github.authentikprovisioner.traefik.TraefikConfig;

/**
 * Checks that every host an outpost should protect is really served: reads the outposts, proxy providers and
 * applications once each and every outpost's heartbeat, asks the embedded outpost about each host as Traefik does,
 * and heals what this service manages through the engine's serialized outpost write, so a heal never races a recipe.
 *
 * <p>Checks never overlap. What persists between checks: the last report, when each outpost was last seen, when
 * each provider last changed, and what was healed. A finding is logged when it appears and when it clears.
 */
@ApplicationScoped
public class OutpostHealthService {

    private static final Logger LOG = Logger.getLogger(OutpostHealthService.class);
    private static final Set<Kind> READS = Set.of(Kind.OUTPOST, Kind.PROXY_PROVIDER, Kind.APPLICATION);

    private final Authentik authentik;
    private final Reconciler reconciler;
    private final OutpostProbe probe;
    private final OutpostHealthConfig config;
    private final TraefikConfig traefik;
    private final OutpostMetrics metrics;
    private final Clock clock;
    private final ReentrantLock running = new ReentrantLock();

    private volatile OutpostHealthReport last = OutpostHealthReport.unknown(null, "no check has run yet");
    private final Map<String, Instant> lastSeen = new ConcurrentHashMap<>();
    private final Map<String, Fingerprint> fingerprints = new HashMap<>();
    private final Map<String, Instant> healedAt = new HashMap<>();
    private volatile Instant authentikHostHealedAt;
    private boolean baselineTaken;
    private Map<String, String> open = Map.of();
    private volatile Instant lastAttempt;
    private volatile boolean succeeded;
    private int failedAttempts;

    /** What the outpost knows of a provider, and since when this process has seen it so. */
    private record Fingerprint(String value, Instant since) {
    }

    OutpostHealthService(Authentik authentik, Reconciler reconciler, OutpostProbe probe, OutpostHealthConfig config,
            TraefikConfig traefik, OutpostMetrics metrics) {
        this.authentik = authentik;
        this.reconciler = reconciler;
        this.probe = probe;
        this.config = config;
        this.traefik = traefik;
        this.metrics = metrics;
        this.clock = Clock.systemUTC();
    }

    /** Forgets everything earlier checks saw, as after a restart (tests). */
    void forget() {
        running.lock();
        try {
            last = OutpostHealthReport.unknown(null, "no check has run yet");
            lastSeen.clear();
            fingerprints.clear();
            healedAt.clear();
            authentikHostHealedAt = null;
            baselineTaken = false;
            open = Map.of();
            lastAttempt = null;
            succeeded = false;
            failedAttempts = 0;
            authentik.recentWrites().clear();
        } finally {
            running.unlock();
        }
    }

    /** The last check's report; {@code unknown} before the first. */
    public OutpostHealthReport last() {
        return last;
    }

    /** Runs a check now, after the one running (if any); throws {@link AuthentikException} when authentik fails. */
    public OutpostHealthReport checkNow() {
        running.lock();
        try {
            return attempt(true);
        } finally {
            running.unlock();
        }
    }

    /**
     * Runs a check when one is due and none is running: the first as soon as authentik answers after start (attempts
     * 1 s apart, doubling up to {@code first-check-max-backoff}), then every {@code check-interval}.
     */
    void checkIfDue() {
        if (!due(clock.instant()) || !running.tryLock()) {
            return;
        }
        try {
            attempt(false);
        } catch (RuntimeException e) {
            // recorded in the report by attempt(); the next tick retries on schedule
        } finally {
            running.unlock();
        }
    }

    boolean due(Instant now) {
        Instant previous = lastAttempt;
        if (previous == null) {
            return true;
        }
        Duration wait = succeeded ? config.checkInterval()
                : new Backoff(Duration.ofSeconds(1), min(config.firstCheckMaxBackoff(), config.checkInterval()))
                        .after(failedAttempts);
        return !now.isBefore(previous.plus(wait));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private OutpostHealthReport attempt(boolean rethrow) {
        Instant now = clock.instant();
        lastAttempt = now;
        long start = System.nanoTime();
        try {
            OutpostHealthReport report = check(now, start);
            succeeded = true;
            failedAttempts = 0;
            return report;
        } catch (RuntimeException e) {
            failedAttempts++;
            String reason = e instanceof AuthentikException ? e.getMessage() : e.toString();
            if (!succeeded && failedAttempts == 1 || succeeded) {
                LOG.warnf("outpost check failed: %s", reason);
            }
            last = OutpostHealthReport.unknown(now, reason).timed(Duration.ofNanos(System.nanoTime() - start)
                    .toMillis(), null, 0);
            metrics.record(last, Duration.ofNanos(System.nanoTime() - start));
            if (rethrow) {
                throw e;
            }
            return last;
        }
    }

    private OutpostHealthReport check(Instant now, long start) {
        AuthentikSession session = authentik.session();
        session.prefetch(READS);
        List<ObjectNode> outpostObjects = session.list(Kind.OUTPOST, Map.of());
        Map<String, List<Observed.Instance>> instances = new ConcurrentHashMap<>();
        session.parallel(outpostObjects.stream().<Runnable>map(o -> () -> instances.put(o.path("pk").asText(),
                session.actions().outpostHealth(o.path("pk").asText()).stream().map(Observed.Instance::of).toList())).toList());
        Observed observed = new Observed(Observed.outposts(outpostObjects),
                Observed.providers(session.list(Kind.PROXY_PROVIDER, Map.of())),
                Observed.managed(session.list(Kind.APPLICATION, Map.of())), instances);

        OutpostAssessment.Settings settings = settings();
        List<OutpostAssessment.Target> targets = OutpostAssessment.targets(observed, settings);
        boolean embedded = observed.outposts().stream().anyMatch(Observed.Outpost::embedded);
        Map<URI, ProbeResult> probes = embedded
                ? probe.probeAll(forwardAuth(), targets.stream().map(OutpostAssessment.Target::url).toList())
                : Map.of();

        Map<String, Instant> changedAt = changes(observed, now);
        OutpostAssessment.Result result = OutpostAssessment.assess(observed, probes, history(changedAt, null), settings,
                now);
        if (result.heal().any()) {
            String healFailure = null;
            try {
                heal(session, result.heal(), observed, now);
            } catch (RuntimeException e) {
                healFailure = e.getMessage() == null ? e.toString() : e.getMessage();
            }
            // judged again: the report shows what was healed (or why it was not)
            result = OutpostAssessment.assess(observed, probes, history(changedAt, healFailure), settings, now);
        }
        OutpostHealthReport report = result.report();
        remember(observed, report);
        logChanges(result.findings());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        report = report.timed(took.toMillis(), AuthentikCalls.of(session), probes.size());
        last = report;
        metrics.record(report, took);
        return report;
    }

    private OutpostAssessment.Settings settings() {
        return new OutpostAssessment.Settings(authentik.publicUrl(), config.staleAfter(), config.propagation(),
                config.heal(), config.domainHosts().orElse(List.of()));
    }

    private URI forwardAuth() {
        return config.forwardAuthUrl().orElseGet(() -> URI.create(traefik.forwardAuthAddress()));
    }

    private History history(Map<String, Instant> changedAt, String healFailure) {
        return new History(Map.copyOf(lastSeen), changedAt, Map.copyOf(healedAt), authentikHostHealedAt, healFailure);
    }

    /**
     * When each provider last changed as far as this process knows: its own writes to the provider or to an outpost
     * listing it, or a check that saw it (or the outposts listing it) differ from the check before. The first check
     * after start only takes note.
     */
    private Map<String, Instant> changes(Observed observed, Instant now) {
        Map<String, Instant> out = new HashMap<>();
        Map<String, Fingerprint> seen = new HashMap<>();
        for (Observed.Provider p : observed.providers()) {
            List<Observed.Outpost> on = OutpostAssessment.outpostsOf(observed, p);
            String value = p.fingerprint(on.stream().map(Observed.Outpost::pk).toList());
            Fingerprint before = fingerprints.get(p.pk());
            Fingerprint now_ = before != null && before.value().equals(value) ? before
                    : new Fingerprint(value, baselineTaken ? now : null);
            seen.put(p.pk(), now_);
            List<Instant> times = new ArrayList<>();
            Optional.ofNullable(now_.since()).ifPresent(times::add);
            authentik.recentWrites().at(Kind.PROXY_PROVIDER, p.pk()).ifPresent(times::add);
            on.forEach(o -> authentik.recentWrites().at(Kind.OUTPOST, o.pk()).ifPresent(times::add));
            times.stream().max(Comparator.naturalOrder()).ifPresent(t -> out.put(p.pk(), t));
        }
        fingerprints.clear();
        fingerprints.putAll(seen);
        baselineTaken = true;
        return out;
    }

    /** Puts what this service manages back, through the engine's locked, read-back-verified outpost write. */
    private void heal(AuthentikSession session, Heal heal, Observed observed, Instant now) {
        List<Ref> providers = heal.providers().stream().map(n -> Ref.to(Kind.PROXY_PROVIDER, "name", n)).toList();
        Outcome outcome = reconciler.apply(session, List.of(EmbeddedOutpost.serving(providers, authentik.publicUrl())));
        if (outcome.changes().stream().noneMatch(c -> c.action() != Change.Action.NONE)) {
            return;
        }
        Observed.Outpost embedded = observed.outposts().stream().filter(Observed.Outpost::embedded).findFirst()
                .orElseThrow();
        for (String name : heal.providers()) {
            observed.providers().stream().filter(p -> p.name().equals(name)).findFirst().ifPresent(p -> {
                healedAt.put(p.pk(), now);
                LOG.infof("outpost heal: put provider '%s' back on the embedded outpost: it was on no outpost, so "
                        + "%s was not served", name, p.externalHost().getRawAuthority());
            });
            metrics.healed("provider-missing");
        }
        if (heal.authentikHost()) {
            authentikHostHealedAt = now;
            LOG.infof("outpost heal: set the embedded outpost's authentik_host to %s (was '%s'): sign-in redirects "
                    + "went elsewhere", authentik.publicUrl(), embedded.authentikHost());
            metrics.healed("authentik-host");
        }
    }

    private void remember(Observed observed, OutpostHealthReport report) {
        for (Observed.Outpost o : observed.outposts()) {
            observed.instances().getOrDefault(o.pk(), List.of()).stream().map(Observed.Instance::lastSeen)
                    .filter(java.util.Objects::nonNull).max(Comparator.naturalOrder())
                    .ifPresent(seen -> lastSeen.merge(o.pk(), seen, (a, b) -> a.isAfter(b) ? a : b));
        }
        Set<String> providers = new java.util.HashSet<>();
        observed.providers().forEach(p -> providers.add(p.pk()));
        healedAt.keySet().retainAll(providers);
    }

    /** Logs each finding once when it appears, and once when it clears. */
    private void logChanges(List<Finding> findings) {
        Map<String, String> now = new LinkedHashMap<>();
        findings.forEach(f -> now.put(f.key(), f.text()));
        now.forEach((key, text) -> {
            if (!open.containsKey(key)) {
                LOG.warnf("outpost check: %s", text);
            }
        });
        open.forEach((key, text) -> {
            if (!now.containsKey(key)) {
                LOG.infof("outpost check: cleared: %s", text);
            }
        });
        open = now;
    }
}
