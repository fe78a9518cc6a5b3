package io.github.authentikprovisioner.outposthealth;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import io.github.authentikprovisioner.authentik.Pace;
import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.outpost.EmbeddedOutpost;
import io.github.authentikprovisioner.outposthealth.OutpostAssessment.Finding;
import io.github.authentikprovisioner.outposthealth.OutpostAssessment.Heal;
import io.github.authentikprovisioner.outposthealth.OutpostAssessment.History;
import io.github.authentikprovisioner.reconcile.Change;
import io.github.authentikprovisioner.reconcile.Desired;
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
    /** What the check reads, in one round: the served side, and who is let through the gates (closed apps). */
    private static final Set<Kind> READS = Set.of(Kind.OUTPOST, Kind.PROXY_PROVIDER, Kind.APPLICATION, Kind.GROUP,
            Kind.USER, Kind.POLICY_BINDING);

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
    private final CheckMemory memory = new CheckMemory();
    private final Map<String, Instant> healedAt = new HashMap<>();
    private volatile Instant authentikHostHealedAt;
    private Map<String, String> open = Map.of();
    /** When the next scheduled check is due; measured from the start of the last one. */
    private volatile Pace pace = Pace.AT_START;

    OutpostHealthService(Authentik authentik, Reconciler reconciler, OutpostProbe probe, OutpostHealthConfig config,
            TraefikConfig traefik, OutpostMetrics metrics, Clock clock) {
        this.authentik = authentik;
        this.reconciler = reconciler;
        this.probe = probe;
        this.config = config;
        this.traefik = traefik;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Forgets everything earlier checks saw, as after a restart (tests). */
    void startOver() {
        running.lock();
        try {
            last = OutpostHealthReport.unknown(null, "no check has run yet");
            lastSeen.clear();
            memory.startOver();
            healedAt.clear();
            authentikHostHealedAt = null;
            open = Map.of();
            pace = Pace.AT_START;
            authentik.recentWrites().clear();
        } finally {
            running.unlock();
        }
    }

    /** The last check's report; {@code unknown} before the first. */
    public OutpostHealthReport last() {
        return last;
    }

    /**
     * Runs a check now, after the one running (if any), asking the outpost about every host; throws
     * {@link AuthentikException} when authentik fails.
     */
    public OutpostHealthReport checkNow() {
        return checkNow(true);
    }

    /**
     * Runs a check now; {@code everyHost} asks the outpost about every host, otherwise only about those a scheduled
     * check asks about ({@link ProbePlan}).
     */
    OutpostHealthReport checkNow(boolean everyHost) {
        running.lock();
        try {
            return attempt(true, everyHost);
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
            attempt(false, false);
        } catch (RuntimeException e) {
            // recorded in the report by attempt(); the next tick retries on schedule
        } finally {
            running.unlock();
        }
    }

    boolean due(Instant now) {
        return pace.due(now);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private OutpostHealthReport attempt(boolean rethrow, boolean everyHost) {
        Instant now = clock.instant();
        long start = System.nanoTime();
        try {
            OutpostHealthReport report = check(now, start, everyHost);
            pace = pace.succeeded(now, config.checkInterval());
            return report;
        } catch (RuntimeException e) {
            // before the first check succeeded, again as soon as authentik answers (1 s, doubling); then every interval
            boolean succeeded = pace.succeeded();
            pace = succeeded ? pace.postponed(now, config.checkInterval()) : pace.failed(now, pace.backoff(
                    new Backoff(Duration.ofSeconds(1), min(config.firstCheckMaxBackoff(), config.checkInterval()))));
            int failedAttempts = pace.failures();
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

    private OutpostHealthReport check(Instant now, long start, boolean everyHost) {
        AuthentikSession session = authentik.session();
        session.prefetch(READS);
        List<ObjectNode> outpostObjects = session.list(Kind.OUTPOST, Map.of());
        Map<String, List<Observed.Heartbeat>> instances = new ConcurrentHashMap<>();
        session.parallel(outpostObjects.stream().<Runnable>map(o -> () -> instances.put(o.path("pk").asText(),
                session.actions().outpostHealth(o.path("pk").asText()).stream().map(Observed.Heartbeat::of).toList())).toList());
        List<ObjectNode> applications = session.list(Kind.APPLICATION, Map.of());
        Observed observed = new Observed(Observed.outposts(outpostObjects),
                Observed.providers(session.list(Kind.PROXY_PROVIDER, Map.of())), Observed.managed(applications),
                instances);

        OutpostAssessment.Settings settings = settings();
        Map<String, String> applicationPks = new HashMap<>();
        applications.forEach(a -> applicationPks.put(a.path("slug").asText(), a.path("pk").asText()));
        Map<String, String> fingerprints = new HashMap<>();
        observed.providers().forEach(p -> fingerprints.put(p.pk(),
                ProbePlan.fingerprint(observed, p, applicationPks.get(p.application()))));
        List<ProbePlan.Target> targets = ProbePlan.targets(observed, settings.domainHosts());
        boolean embedded = observed.outposts().stream().anyMatch(Observed.Outpost::embedded);
        boolean fullSweep = embedded && (everyHost || memory.fullSweepDue(now, config.fullProbeInterval()));
        List<URI> ask = embedded ? List.copyOf(ProbePlan.select(targets, fingerprints, memory.answered(), fullSweep))
                : List.of();
        Map<URI, ProbeResult> fresh = ask.isEmpty() ? Map.of() : probe.probeAll(forwardAuth(), ask);
        Map<URI, ProbeResult> probes = memory.answers(targets, fingerprints, fresh, fullSweep, now);

        Map<String, Instant> changedAt = memory.changes(observed, now, authentik.recentWrites());
        Map<String, Instant> startedAt = memory.startedAt(observed, now);
        OutpostAssessment.Result result = OutpostAssessment.assess(observed, probes,
                history(changedAt, startedAt, null), settings, now);
        if (result.heal().any()) {
            String healFailure = null;
            try {
                heal(session, result.heal(), observed, now);
            } catch (RuntimeException e) {
                healFailure = e.getMessage() == null ? e.toString() : e.getMessage();
            }
            // judged again: the report shows what was healed (or why it was not)
            result = OutpostAssessment.assess(observed, probes, history(changedAt, startedAt, healFailure), settings,
                    now);
        }
        List<OutpostHealthReport.ClosedApp> closed = ClosedApps.of(applications,
                session.list(Kind.POLICY_BINDING, Map.of()), session.list(Kind.GROUP, Map.of()),
                session.list(Kind.USER, Map.of()));
        OutpostHealthReport report = result.report().withClosedApps(closed);
        remember(observed, report);
        logChanges(result.findings());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        report = report.timed(took.toMillis(), AuthentikCalls.of(session), fresh.size());
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

    private History history(Map<String, Instant> changedAt, Map<String, Instant> startedAt, String healFailure) {
        return new History(Map.copyOf(lastSeen), changedAt, Map.copyOf(healedAt), authentikHostHealedAt, healFailure,
                startedAt, memory.reloadedAt());
    }

    /**
     * Puts what this service manages back, through the engine's locked, read-back-verified outpost write; saving the
     * outpost when it has not loaded a host it lists makes it reload (authentik/outposts/signals.py).
     */
    private void heal(AuthentikSession session, Heal heal, Observed observed, Instant now) {
        List<Ref> providers = heal.providers().stream().map(n -> Ref.to(Kind.PROXY_PROVIDER, "name", n)).toList();
        Desired.Present outpost = EmbeddedOutpost.serving(providers, authentik.publicUrl());
        Outcome outcome = reconciler.apply(session, List.of(heal.reload().isEmpty() ? outpost
                : outpost.resavedAnyway()));
        if (outcome.changes().stream().noneMatch(c -> c.action() != Change.Action.NONE)) {
            return;
        }
        Instant saved = clock.instant();
        for (String name : heal.reload()) {
            observed.providers().stream().filter(p -> p.name().equals(name)).findFirst().ifPresent(p -> {
                memory.reloaded(p.pk(), saved);
                LOG.infof("outpost heal: saved the embedded outpost so that it reloads: it lists provider '%s' but "
                        + "did not serve %s", name, p.externalHost().getRawAuthority());
            });
            metrics.healed("reload");
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
            observed.instances().getOrDefault(o.pk(), List.of()).stream().map(Observed.Heartbeat::lastSeen)
                    .filter(java.util.Objects::nonNull).max(Comparator.naturalOrder())
                    .ifPresent(seen -> lastSeen.merge(o.pk(), seen, (a, b) -> a.isAfter(b) ? a : b));
        }
        Set<String> providers = new java.util.HashSet<>();
        observed.providers().forEach(p -> providers.add(p.pk()));
        healedAt.keySet().retainAll(providers);
        memory.retainProviders(providers);
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
