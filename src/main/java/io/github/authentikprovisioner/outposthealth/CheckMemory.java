package io.github.authentikprovisioner.outposthealth;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.authentik.RecentWrites;

/**
 * What the outpost check carries from one check to the next, besides its report: what each provider looked like and
 * since when, when each outpost instance was first seen, the outpost's last answer for each host, when the last full
 * probe sweep ran, and when this service last made the outpost reload for a host. Not thread-safe: the check holds
 * its lock around every use.
 */
final class CheckMemory {

    /** What the outpost knows of a provider, and since when this process has seen it so. */
    private record Fingerprint(String value, Instant since) {
    }

    private final Map<String, Fingerprint> fingerprints = new HashMap<>();
    private boolean baselineTaken;
    private final Map<String, Instant> firstSeen = new HashMap<>();
    private final Map<URI, ProbePlan.Probed> answered = new HashMap<>();
    private final Map<String, Instant> reloadedAt = new HashMap<>();
    private Instant lastFullSweep;

    /** Forgets everything, as after a restart. */
    void startOver() {
        fingerprints.clear();
        baselineTaken = false;
        firstSeen.clear();
        answered.clear();
        reloadedAt.clear();
        lastFullSweep = null;
    }

    /**
     * When each provider last changed as far as this process knows: its own writes to the provider or to an outpost
     * listing it, or a check that saw it (or the outposts listing it) differ from the check before. The first check
     * after start only takes note.
     */
    Map<String, Instant> changes(Observed observed, Instant now, RecentWrites writes) {
        Map<String, Instant> out = new HashMap<>();
        Map<String, Fingerprint> seen = new HashMap<>();
        for (Observed.Provider p : observed.providers()) {
            List<Observed.Outpost> on = OutpostAssessment.outpostsOf(observed, p);
            String value = p.fingerprint(on.stream().map(Observed.Outpost::pk).toList());
            Fingerprint before = fingerprints.get(p.pk());
            Fingerprint current = before != null && before.value().equals(value) ? before
                    : new Fingerprint(value, baselineTaken ? now : null);
            seen.put(p.pk(), current);
            List<Instant> times = new ArrayList<>();
            Optional.ofNullable(current.since()).ifPresent(times::add);
            writes.at(Kind.PROXY_PROVIDER, p.pk()).ifPresent(times::add);
            on.forEach(o -> writes.at(Kind.OUTPOST, o.pk()).ifPresent(times::add));
            times.stream().max(Comparator.naturalOrder()).ifPresent(t -> out.put(p.pk(), t));
        }
        fingerprints.clear();
        fingerprints.putAll(seen);
        baselineTaken = true;
        return out;
    }

    /**
     * Per outpost pk, when its newest live instance was first seen: a new uid is a new outpost process. An instance
     * this process had not seen before counts as new, on the first check after start too (whether the outpost has
     * just started cannot be told then; it is given the benefit of the doubt for one propagation time).
     */
    Map<String, Instant> startedAt(Observed observed, Instant now) {
        Map<String, Instant> out = new HashMap<>();
        Set<String> live = new HashSet<>();
        observed.instances().forEach((outpost, instances) -> instances.stream().filter(i -> !i.expired())
                .forEach(i -> {
                    live.add(i.uid());
                    Instant first = firstSeen.computeIfAbsent(i.uid(), uid -> now);
                    out.merge(outpost, first, (a, b) -> a.isAfter(b) ? a : b);
                }));
        firstSeen.keySet().retainAll(live);
        return out;
    }

    /** The answers remembered for each request, with the fingerprint they were given for. */
    Map<URI, ProbePlan.Probed> answered() {
        return Map.copyOf(answered);
    }

    /** Whether a full sweep is due: none yet, or the last one {@code interval} ago. */
    boolean fullSweepDue(Instant now, Duration interval) {
        return lastFullSweep == null || !now.isBefore(lastFullSweep.plus(interval));
    }

    /**
     * Keeps this check's answers ({@code fresh}, asked at {@code now}) and returns the answer for every target, fresh
     * or remembered; forgets the requests no longer made.
     */
    Map<URI, ProbeResult> answers(List<ProbePlan.Target> targets, Map<String, String> fingerprints,
            Map<URI, ProbeResult> fresh, boolean fullSweep, Instant now) {
        Map<URI, ProbeResult> out = new HashMap<>();
        Set<URI> wanted = new HashSet<>();
        for (ProbePlan.Target t : targets) {
            wanted.add(t.url());
            ProbeResult asked = fresh.get(t.url());
            if (asked != null) {
                answered.put(t.url(), new ProbePlan.Probed(fingerprints.get(t.providerPk()), asked.at(now)));
            }
            Optional.ofNullable(answered.get(t.url())).ifPresent(a -> out.put(t.url(), a.result()));
        }
        answered.keySet().retainAll(wanted);
        if (fullSweep) {
            lastFullSweep = now;
        }
        return out;
    }

    /** Per provider pk, when this service last saved the outpost because it had not loaded the host. */
    Map<String, Instant> reloadedAt() {
        return Map.copyOf(reloadedAt);
    }

    void reloaded(String providerPk, Instant at) {
        reloadedAt.put(providerPk, at);
    }

    /** Forgets what concerns providers that are gone. */
    void retainProviders(Set<String> providerPks) {
        reloadedAt.keySet().retainAll(providerPks);
    }
}
