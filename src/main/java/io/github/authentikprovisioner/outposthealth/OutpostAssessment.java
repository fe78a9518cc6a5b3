package io.github.authentikprovisioner.outposthealth;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.github.authentikprovisioner.outposthealth.Observed.Heartbeat;
import io.github.authentikprovisioner.outposthealth.Observed.Outpost;
import io.github.authentikprovisioner.outposthealth.Observed.Provider;
import io.github.authentikprovisioner.outposthealth.OutpostHealthReport.Host;
import io.github.authentikprovisioner.outposthealth.OutpostHealthReport.UnauthenticatedPath;

/**
 * Decides, from what a check read and the outpost's answers to its probes, the state of every outpost and protected
 * host, what is wrong, and what healing would put right. Pure: no calls, the clock passed in.
 */
final class OutpostAssessment {

    private OutpostAssessment() {
    }

    /**
     * How to judge.
     *
     * @param publicUrl AUTHENTIK_PUBLIC_URL without a trailing slash: the embedded outpost's {@code authentik_host}
     * @param staleAfter how old the latest hello may be
     * @param propagation how long after a change a host that is not served yet counts as propagating
     * @param heal whether what this service manages is put right
     * @param domainHosts hosts to probe under a domain-level provider's cookie domain
     */
    record Settings(String publicUrl, Duration staleAfter, Duration propagation, boolean heal,
            List<String> domainHosts) {
    }

    /**
     * What earlier checks and this process's writes tell.
     *
     * @param lastSeen per outpost pk, the latest hello any earlier check saw
     * @param changedAt per provider pk, when it or its assignment last changed, as far as this process knows
     * @param healedAt per provider pk, when this service last put it back on the embedded outpost
     * @param authentikHostHealedAt when this service last corrected the embedded outpost's authentik_host
     * @param healFailure why this check's healing failed; null when it did not fail
     * @param startedAt per outpost pk, when its newest live instance was first seen (a new outpost process)
     * @param reloadedAt per provider pk, when this service last saved the outpost because it had not loaded the host
     */
    record History(Map<String, Instant> lastSeen, Map<String, Instant> changedAt, Map<String, Instant> healedAt,
            Instant authentikHostHealedAt, String healFailure, Map<String, Instant> startedAt,
            Map<String, Instant> reloadedAt) {

        History(Map<String, Instant> lastSeen, Map<String, Instant> changedAt, Map<String, Instant> healedAt,
                Instant authentikHostHealedAt, String healFailure) {
            this(lastSeen, changedAt, healedAt, authentikHostHealedAt, healFailure, Map.of(), Map.of());
        }

        static History empty() {
            return new History(Map.of(), Map.of(), Map.of(), null, null);
        }
    }

    /** Something wrong, under a key that stays the same while it persists (logged when it appears and clears). */
    record Finding(String key, String text, HealthStatus severity) {
    }

    /**
     * What healing writes: providers put back on the embedded outpost (by name), its authentik_host, and a save of it
     * so that it reloads, for the providers (by name) it lists but has not loaded.
     */
    record Heal(List<String> providers, boolean authentikHost, List<String> reload) {

        boolean any() {
            return !providers.isEmpty() || authentikHost || !reload.isEmpty();
        }
    }

    record Result(OutpostHealthReport report, List<Finding> findings, Heal heal) {
    }

    static Result assess(Observed observed, Map<URI, ProbeResult> probes, History history, Settings settings,
            Instant now) {
        List<Finding> findings = new ArrayList<>();
        Map<String, String> providerNames = new LinkedHashMap<>();
        observed.providers().forEach(p -> providerNames.put(p.pk(), p.name()));
        java.util.Set<String> managedProviders = new java.util.HashSet<>();
        observed.providers().stream().filter(p -> observed.managedApplications().contains(p.application()))
                .forEach(p -> managedProviders.add(p.pk()));

        List<OutpostHealthReport.Outpost> outposts = new ArrayList<>();
        Map<String, OutpostConnection> connections = new LinkedHashMap<>();
        boolean fixAuthentikHost = false;
        for (Outpost o : observed.outposts()) {
            List<Heartbeat> instances = observed.instances().getOrDefault(o.pk(), List.of());
            OutpostConnection connection = connection(instances, history.lastSeen().get(o.pk()), settings, now);
            connections.put(o.pk(), connection);
            Instant lastSeen = instances.stream().map(Heartbeat::lastSeen).filter(java.util.Objects::nonNull)
                    .max(Comparator.naturalOrder()).orElse(history.lastSeen().get(o.pk()));
            boolean serves = o.providers().stream().anyMatch(providerNames::containsKey);
            switch (connection) {
                case NEVER_CONNECTED, STALE, DISCONNECTED -> {
                    if (serves) {
                        findings.add(new Finding("outpost:" + o.pk() + ":" + connection.json(), "outpost '" + o.name()
                                + "' is " + connection.json() + (lastSeen == null ? "" : " (last seen " + lastSeen + ")")
                                + ": it no longer receives configuration changes; "
                                + (o.embedded() ? "check the authentik-server container and its logs"
                                        : "check the outpost's container, its AUTHENTIK_HOST and AUTHENTIK_TOKEN"),
                                HealthStatus.UNHEALTHY));
                    }
                }
                case OUTDATED -> findings.add(new Finding("outpost:" + o.pk() + ":outdated", "outpost '" + o.name()
                        + "' runs " + instances.stream().map(Heartbeat::version).distinct().toList()
                        + ", not authentik's version: update its image to the server's tag", HealthStatus.DEGRADED));
                case CONNECTED -> {
                }
            }
            OutpostHealthReport.AuthentikHost authentikHost = null;
            // authentik_host matters only once the outpost redirects browsers for some provider, and this service
            // owns it (its recipes set it) only once it put a provider there: a fresh install's blank one is left alone
            boolean managesOutpost = o.providers().stream().anyMatch(pk -> managedProviders.contains(pk));
            if (o.embedded() && serves) {
                boolean ok = sameUrl(o.authentikHost(), settings.publicUrl());
                boolean browserOk = o.authentikHostBrowser().isEmpty()
                        || sameUrl(o.authentikHostBrowser(), settings.publicUrl());
                authentikHost = new OutpostHealthReport.AuthentikHost(settings.publicUrl(), o.authentikHost(),
                        o.authentikHostBrowser().isEmpty() ? null : o.authentikHostBrowser(), ok && browserOk,
                        history.authentikHostHealedAt());
                if (!ok) {
                    fixAuthentikHost = managesOutpost;
                    findings.add(new Finding("authentik-host:" + o.pk(), "the embedded outpost's authentik_host is '"
                            + o.authentikHost() + "', not AUTHENTIK_PUBLIC_URL " + settings.publicUrl()
                            + ": it sends browsers to sign in there" + (settings.heal() && managesOutpost
                                    ? "; this service corrects it" : "; set it in the outpost's advanced settings"),
                            HealthStatus.UNHEALTHY));
                }
                if (!browserOk) {
                    findings.add(new Finding("authentik-host-browser:" + o.pk(), "the embedded outpost's "
                            + "authentik_host_browser is '" + o.authentikHostBrowser() + "', not "
                            + settings.publicUrl() + ": the embedded outpost ignores it, but it misleads; clear it",
                            HealthStatus.DEGRADED));
                }
            }
            if (!"proxy".equals(o.type())) {
                o.providers().stream().filter(providerNames::containsKey).forEach(pk -> findings.add(new Finding(
                        "type:" + o.pk() + ":" + pk, "outpost '" + o.name() + "' is of type " + o.type()
                                + " and cannot serve proxy provider '" + providerNames.get(pk) + "': remove it there",
                        HealthStatus.UNHEALTHY)));
            }
            outposts.add(new OutpostHealthReport.Outpost(o.name(), o.type(), o.managed(), connection, lastSeen,
                    instances.stream().map(i -> new OutpostHealthReport.RunningInstance(i.hostname(), i.version(),
                            i.lastSeen(), instanceState(i, settings, now))).toList(),
                    authentikHost, o.providers().stream().map(pk -> providerNames.getOrDefault(pk, "#" + pk)).toList()));
        }

        Optional<Outpost> embedded = observed.outposts().stream().filter(Outpost::embedded).findFirst();
        List<Host> hosts = new ArrayList<>();
        List<String> toHeal = new ArrayList<>();
        List<String> toReload = new ArrayList<>();
        for (Provider p : observed.providers()) {
            boolean managed = observed.managedApplications().contains(p.application());
            List<Outpost> on = outpostsOf(observed, p);
            List<String> onNames = on.stream().map(Outpost::name).toList();
            Instant changed = history.changedAt().get(p.pk());
            Instant healed = history.healedAt().get(p.pk());
            List<SkipPathRule> rules = SkipPathRule.of(p.skipPathRegex(), p.mode(), p.externalHost());
            for (SkipPathRule rule : rules) {
                if (rule.problem() != null) {
                    findings.add(new Finding("path:" + p.pk() + ":" + rule.pattern(), "provider '" + p.name()
                            + "', skip_path_regex line '" + rule.pattern() + "': " + rule.problem(),
                            rule.pattern().isEmpty() ? HealthStatus.UNHEALTHY : HealthStatus.DEGRADED));
                }
            }
            if (on.isEmpty() && managed && embedded.isPresent()) {
                toHeal.add(p.name());
            }
            for (URI host : ProbePlan.hosts(p, settings.domainHosts())) {
                URI root = host.resolve("/");
                ProbeResult probe = probes.get(root);
                HostState state;
                String detail = null;
                if (on.size() > 1) {
                    state = HostState.DOUBLE_ASSIGNED;
                    detail = "listed by outposts " + onNames + ": each serves it with its own sessions; remove it "
                            + "from all but one";
                } else if (on.isEmpty()) {
                    state = managed ? HostState.NOT_SERVED : HostState.UNASSIGNED;
                    detail = managed ? "its provider is missing from the embedded outpost" + (settings.heal()
                            ? "; this service puts it back" : "; add it in the outpost's providers or run its recipe again")
                            : "its provider is on no outpost and this service does not manage it: add it to an "
                                    + "outpost's providers in authentik";
                } else {
                    Outpost outpost = on.getFirst();
                    OutpostConnection connection = connections.get(outpost.pk());
                    if (!"proxy".equals(outpost.type())) {
                        state = HostState.NOT_SERVED;
                        detail = "outpost '" + outpost.name() + "' is of type " + outpost.type();
                    } else if (!outpost.embedded() || !p.forward() || probe == null) {
                        state = connection.live() ? HostState.SERVED : HostState.OUTPOST_DOWN;
                        detail = connection.live() ? null : "outpost '" + outpost.name() + "' is " + connection.json();
                    } else {
                        HostJudgement.Judged judged = HostJudgement.probed(probe, changed,
                                history.startedAt().get(outpost.pk()), history.reloadedAt().get(p.pk()),
                                settings.heal() && managed, settings.propagation(), now);
                        state = judged.state();
                        detail = judged.detail();
                        if (judged.reload() && !toReload.contains(p.name())) {
                            toReload.add(p.name());
                        }
                    }
                }
                if (state.broken() || state == HostState.PROPAGATING || state == HostState.DOUBLE_ASSIGNED) {
                    findings.add(new Finding("host:" + p.pk() + ":" + root.getRawAuthority() + ":" + state.json(),
                            root.getRawAuthority() + " (provider '" + p.name() + "'): " + state.json() + ", " + detail,
                            state.broken() ? HealthStatus.UNHEALTHY : HealthStatus.DEGRADED));
                }
                if (managed && on.size() == 1 && !on.getFirst().embedded()) {
                    findings.add(new Finding("elsewhere:" + p.pk(), "provider '" + p.name() + "' is managed by this "
                            + "service but served by outpost '" + on.getFirst().name() + "', not the embedded one",
                            HealthStatus.DEGRADED));
                }
                List<UnauthenticatedPath> paths = new ArrayList<>();
                for (SkipPathRule rule : rules) {
                    String sample = rule.sample() == null ? null
                            : "forward_domain".equals(p.mode()) ? rule.sample().toString() : SkipPathRule.pathOf(rule.sample());
                    ProbeResult sampled = rule.sample() == null || state != HostState.SERVED ? null
                            : probes.get(rule.sample());
                    Boolean passed = sampled == null ? null : sampled.verdict() == ProbeResult.Verdict.PASSED;
                    if (Boolean.FALSE.equals(passed)) {
                        findings.add(new Finding("sample:" + p.pk() + ":" + rule.pattern(), "provider '" + p.name()
                                + "': " + sample + " should pass without sign-in (skip_path_regex '" + rule.pattern()
                                + "'), but the outpost answered " + sampled.describe(), HealthStatus.DEGRADED));
                    }
                    paths.add(new UnauthenticatedPath(rule.pattern(), sample, passed, rule.problem(),
                            sampled == null ? null : sampled.view(SkipPathRule.pathOf(rule.sample()))));
                }
                hosts.add(new Host(root.getRawAuthority(), p.name(), p.application(), p.mode(), managed,
                        onNames, state, detail, probe == null ? null : probe.view("/"), paths.isEmpty() ? null : paths,
                        healed));
            }
        }
        if (history.healFailure() != null) {
            findings.add(new Finding("heal-failed", "healing failed (" + history.healFailure() + "); the next check "
                    + "tries again", HealthStatus.UNHEALTHY));
        }
        Map<String, Finding> unique = new java.util.TreeMap<>();
        findings.forEach(f -> unique.putIfAbsent(f.key(), f));
        List<Finding> distinct = List.copyOf(unique.values());
        HealthStatus status = distinct.isEmpty() ? HealthStatus.HEALTHY
                : distinct.stream().anyMatch(f -> f.severity() == HealthStatus.UNHEALTHY) ? HealthStatus.UNHEALTHY
                        : HealthStatus.DEGRADED;
        Heal heal = settings.heal() && embedded.isPresent() ? new Heal(toHeal, fixAuthentikHost, toReload)
                : new Heal(List.of(), false, List.of());
        OutpostHealthReport report = new OutpostHealthReport(status, now, 0, null, 0, null, outposts, hosts,
                distinct.stream().map(Finding::text).toList(), List.of());
        return new Result(report, distinct, heal);
    }

    static List<Outpost> outpostsOf(Observed observed, Provider p) {
        return observed.outposts().stream().filter(o -> o.providers().contains(p.pk())).toList();
    }

    /**
     * An outpost's connection: connected (or outdated) with a recent instance; else stale when one was seen before
     * (listed with an old hello, or remembered by an earlier check); disconnected when all authentik lists is an
     * instance whose state expired ({@link Heartbeat#expired()}); else never connected.
     */
    static OutpostConnection connection(List<Heartbeat> instances, Instant remembered, Settings settings, Instant now) {
        List<Heartbeat> recent = instances.stream().filter(i -> fresh(i, settings, now)).toList();
        if (!recent.isEmpty()) {
            return recent.stream().anyMatch(i -> !i.versionOutdated()) ? OutpostConnection.CONNECTED
                    : OutpostConnection.OUTDATED;
        }
        boolean seen = remembered != null || instances.stream().anyMatch(i -> !i.expired());
        if (seen) {
            return OutpostConnection.STALE;
        }
        return instances.isEmpty() ? OutpostConnection.NEVER_CONNECTED : OutpostConnection.DISCONNECTED;
    }

    private static OutpostConnection instanceState(Heartbeat i, Settings settings, Instant now) {
        if (i.expired()) {
            return OutpostConnection.DISCONNECTED;
        }
        if (!fresh(i, settings, now)) {
            return OutpostConnection.STALE;
        }
        return i.versionOutdated() ? OutpostConnection.OUTDATED : OutpostConnection.CONNECTED;
    }

    private static boolean fresh(Heartbeat i, Settings settings, Instant now) {
        return i.lastSeen() != null && !i.lastSeen().isBefore(now.minus(settings.staleAfter()));
    }

    /** Whether two base URLs name the same place: scheme and host case-insensitive, a trailing slash ignored. */
    static boolean sameUrl(String a, String b) {
        return strip(a).toLowerCase(Locale.ROOT).equals(strip(b).toLowerCase(Locale.ROOT));
    }

    private static String strip(String url) {
        String s = url == null ? "" : url.trim();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
