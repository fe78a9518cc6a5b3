package io.github.authentikprovisioner.outposthealth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.authentikprovisioner.outpost.EmbeddedOutpost;
import io.github.authentikprovisioner.outposthealth.Observed.Heartbeat;
import io.github.authentikprovisioner.outposthealth.Observed.Outpost;
import io.github.authentikprovisioner.outposthealth.Observed.Provider;
import io.github.authentikprovisioner.outposthealth.OutpostAssessment.History;
import io.github.authentikprovisioner.outposthealth.OutpostAssessment.Result;
import io.github.authentikprovisioner.outposthealth.OutpostAssessment.Settings;
import io.github.authentikprovisioner.outposthealth.OutpostHealthReport.Host;

/** The verdicts of one check, from what it read and the outpost's answers; no authentik, no outpost. */
class OutpostAssessmentTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final String PUBLIC = "https://auth.example.com";
    private static final Settings SETTINGS = new Settings(PUBLIC, Duration.ofSeconds(150), Duration.ofSeconds(60),
            true, List.of());
    private static final ProbeResult SIGN_IN = new ProbeResult(302,
            "https://auth.example.com/application/o/authorize/?client_id=x", "", 3, null);
    private static final ProbeResult NO_APP = new ProbeResult(404, null, "Not Found", 2, null);
    private static final ProbeResult PASSED = new ProbeResult(200, null, "", 2, null);
    private static final ProbeResult REFUSED = ProbeResult.failed(1, "connection refused");

    private final Provider sonarr = provider("1", "Sonarr", "forward_single", "https://sonarr.example.com", "", "",
            "sonarr");
    private final Provider radarr = provider("2", "Radarr", "forward_single", "https://radarr.example.com", "", "",
            "radarr");

    @Test
    void everyHostRedirectedToSignInIsServedAndTheWholeIsHealthy() {
        Result r = assess(observed(List.of(embedded(PUBLIC, "1", "2")), List.of(sonarr, radarr), Set.of("sonarr")),
                Map.of(root(sonarr), SIGN_IN, root(radarr), SIGN_IN), History.empty());
        assertThat(r.report().status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(r.report().hosts()).extracting(Host::state).containsOnly(HostState.SERVED);
        assertThat(r.report().hosts().getFirst().probe().redirectHost()).isEqualTo("auth.example.com");
        assertThat(r.findings()).isEmpty();
        assertThat(r.heal().any()).isFalse();
    }

    @Test
    void aManagedProviderOnNoOutpostIsNotServedAndHealedWhileAnUnmanagedOneIsOnlyUnassigned() {
        Result r = assess(observed(List.of(embedded(PUBLIC)), List.of(sonarr, radarr), Set.of("sonarr")),
                Map.of(root(sonarr), NO_APP, root(radarr), NO_APP), History.empty());
        assertThat(host(r, "Sonarr").state()).isEqualTo(HostState.NOT_SERVED);
        assertThat(host(r, "Radarr").state()).isEqualTo(HostState.UNASSIGNED);
        assertThat(r.heal().providers()).containsExactly("Sonarr");
        assertThat(r.report().status()).isEqualTo(HealthStatus.UNHEALTHY);

        Result reportOnly = OutpostAssessment.assess(observed(List.of(embedded(PUBLIC)), List.of(sonarr), Set.of("sonarr")),
                Map.of(), History.empty(), new Settings(PUBLIC, SETTINGS.staleAfter(), SETTINGS.propagation(), false,
                        List.of()), NOW);
        assertThat(reportOnly.heal().any()).isFalse();
        assertThat(host(reportOnly, "Sonarr").detail()).contains("run its recipe again");
    }

    @Test
    void aListedHostTheOutpostDoesNotKnowIsPropagatingOnlyWithinThePropagationTimeOfAChange() {
        Observed o = observed(List.of(embedded(PUBLIC, "1")), List.of(sonarr), Set.of("sonarr"));
        Map<URI, ProbeResult> probes = Map.of(root(sonarr), NO_APP);
        History justChanged = new History(Map.of(), Map.of("1", NOW.minusSeconds(20)), Map.of(), null, null);
        assertThat(host(assess(o, probes, justChanged), "Sonarr").state()).isEqualTo(HostState.PROPAGATING);
        assertThat(assess(o, probes, justChanged).report().status()).isEqualTo(HealthStatus.DEGRADED);
        History longAgo = new History(Map.of(), Map.of("1", NOW.minusSeconds(61)), Map.of(), null, null);
        assertThat(host(assess(o, probes, longAgo), "Sonarr").state()).isEqualTo(HostState.NOT_SERVED);
        assertThat(host(assess(o, Map.of(root(sonarr), REFUSED), justChanged), "Sonarr").state())
                .as("only a host the outpost does not know is propagating").isEqualTo(HostState.OUTPOST_DOWN);
    }

    /**
     * authentik/core/signals.py: an application's save sends outposts no update, so a listed host whose application
     * was made again is unknown to the outpost until it reloads; only after a reload is the external host to blame.
     */
    @Test
    void aListedHostTheOutpostHasNotLoadedIsHealedByAReloadAndOnlyThenBlamedOnItsExternalHost() {
        Observed o = observed(List.of(embedded(PUBLIC, "1")), List.of(sonarr), Set.of("sonarr"));
        Map<URI, ProbeResult> probes = Map.of(root(sonarr), NO_APP);
        Instant changed = NOW.minusSeconds(600);

        Result notLoaded = assess(o, probes, history(changed, null, null));
        assertThat(host(notLoaded, "Sonarr").state()).isEqualTo(HostState.NOT_SERVED);
        assertThat(host(notLoaded, "Sonarr").detail()).contains("has not loaded the host")
                .contains("not when an application is").contains("this service saves the outpost")
                .doesNotContain("external host");
        assertThat(notLoaded.heal().reload()).containsExactly("Sonarr");

        Result notOurs = assess(observed(List.of(embedded(PUBLIC, "1")), List.of(sonarr), Set.of()), probes,
                history(changed, null, null));
        assertThat(notOurs.heal().reload()).as("a provider this service does not manage").isEmpty();
        assertThat(host(notOurs, "Sonarr").detail()).contains("save the outpost in authentik");

        Result reloading = assess(o, probes, history(changed, null, NOW.minusSeconds(20)));
        assertThat(host(reloading, "Sonarr").state()).isEqualTo(HostState.PROPAGATING);
        assertThat(reloading.heal().any()).isFalse();

        Result reloadedInVain = assess(o, probes, history(changed, null, NOW.minusSeconds(120)));
        assertThat(host(reloadedInVain, "Sonarr").state()).isEqualTo(HostState.NOT_SERVED);
        assertThat(host(reloadedInVain, "Sonarr").detail()).contains("check the provider's external host");
        assertThat(reloadedInVain.heal().any()).as("reloaded once for this state: not again").isFalse();

        Result changedSince = assess(o, probes, history(NOW.minusSeconds(90), null, NOW.minusSeconds(120)));
        assertThat(changedSince.heal().reload()).as("changed after the reload: reloaded again").containsExactly("Sonarr");
    }

    /** cmd/server/server.go, internal/outpost/ak/api.go: the hello comes before the first refresh loads anything. */
    @Test
    void aHostUnknownToAnOutpostInstanceJustStartedIsPropagating() {
        Observed o = observed(List.of(embedded(PUBLIC, "1")), List.of(sonarr), Set.of("sonarr"));
        Map<URI, ProbeResult> probes = Map.of(root(sonarr), NO_APP);
        Result started = assess(o, probes, history(null, NOW.minusSeconds(10), null));
        assertThat(host(started, "Sonarr").state()).isEqualTo(HostState.PROPAGATING);
        assertThat(host(started, "Sonarr").detail()).contains("first refresh");
        assertThat(started.heal().any()).isFalse();
        assertThat(host(assess(o, probes, history(null, NOW.minusSeconds(120), null)), "Sonarr").state())
                .isEqualTo(HostState.NOT_SERVED);
    }

    /** authentik/outposts/models.py for_outpost: an expired state is listed once with last_seen null. */
    @Test
    void anInstanceListedWithoutALastHelloIsDisconnectedNotStale() {
        Heartbeat expired = new Heartbeat("uid-1", "", "", null, false);
        assertThat(OutpostAssessment.connection(List.of(expired), null, SETTINGS, NOW))
                .isEqualTo(OutpostConnection.DISCONNECTED);
        assertThat(OutpostAssessment.connection(List.of(expired), NOW.minusSeconds(300), SETTINGS, NOW))
                .as("seen by an earlier check").isEqualTo(OutpostConnection.STALE);
        assertThat(OutpostAssessment.connection(List.of(expired, live()), null, SETTINGS, NOW))
                .isEqualTo(OutpostConnection.CONNECTED);
        Observed o = new Observed(List.of(embedded(PUBLIC, "1")), List.of(sonarr), Set.of(),
                Map.of("emb", List.of(expired)));
        Result r = assess(o, Map.of(root(sonarr), SIGN_IN), History.empty());
        assertThat(r.report().outposts().getFirst().connection()).isEqualTo(OutpostConnection.DISCONNECTED);
        assertThat(r.report().outposts().getFirst().instances()).extracting(OutpostHealthReport.RunningInstance::state)
                .containsExactly(OutpostConnection.DISCONNECTED);
        assertThat(r.report().status()).isEqualTo(HealthStatus.UNHEALTHY);
    }

    private static History history(Instant changed, Instant started, Instant reloaded) {
        Map<String, Instant> changedAt = changed == null ? Map.of() : Map.of("1", changed);
        Map<String, Instant> startedAt = started == null ? Map.of() : Map.of("emb", started);
        Map<String, Instant> reloadedAt = reloaded == null ? Map.of() : Map.of("1", reloaded);
        return new History(Map.of(), changedAt, Map.of(), null, null, startedAt, reloadedAt);
    }

    @Test
    void aProviderOnTwoOutpostsIsDoubleAssignedAndAnOutpostOfAnotherTypeCannotServeIt() {
        Outpost ldap = new Outpost("b", "ldap", "ldap", null, Set.of("2"), "", "");
        Outpost other = new Outpost("c", "standalone", "proxy", null, Set.of("1"), "", "");
        Observed o = new Observed(List.of(embedded(PUBLIC, "1"), other, ldap), List.of(sonarr, radarr), Set.of(),
                Map.of("emb", List.of(live()), "c", List.of(live())));
        Result r = assess(o, Map.of(root(sonarr), SIGN_IN), History.empty());
        assertThat(host(r, "Sonarr").state()).isEqualTo(HostState.DOUBLE_ASSIGNED);
        assertThat(host(r, "Sonarr").outposts()).containsExactly("authentik Embedded Outpost", "standalone");
        assertThat(host(r, "Radarr").state()).isEqualTo(HostState.NOT_SERVED);
        assertThat(host(r, "Radarr").detail()).contains("of type ldap");
        assertThat(r.report().findings()).anyMatch(f -> f.contains("cannot serve proxy provider 'Radarr'"));
        assertThat(r.report().status()).isEqualTo(HealthStatus.UNHEALTHY);
    }

    @Test
    void neverConnectedStaleAndOutdatedAreDistinctStates() {
        Settings s = SETTINGS;
        assertThat(OutpostAssessment.connection(List.of(), null, s, NOW)).isEqualTo(OutpostConnection.NEVER_CONNECTED);
        assertThat(OutpostAssessment.connection(List.of(), NOW.minusSeconds(300), s, NOW))
                .as("listed by an earlier check, gone from authentik's cache now").isEqualTo(OutpostConnection.STALE);
        assertThat(OutpostAssessment.connection(List.of(new Heartbeat("h", "2026.2.2", NOW.minusSeconds(151), false)),
                null, s, NOW)).isEqualTo(OutpostConnection.STALE);
        assertThat(OutpostAssessment.connection(List.of(new Heartbeat("h", "2025.10.1", NOW, true)), null, s, NOW))
                .isEqualTo(OutpostConnection.OUTDATED);
        assertThat(OutpostAssessment.connection(List.of(new Heartbeat("h", "2025.10.1", NOW, true), live()), null, s,
                NOW)).isEqualTo(OutpostConnection.CONNECTED);

        Observed never = new Observed(List.of(embedded(PUBLIC, "1")), List.of(sonarr), Set.of(), Map.of());
        Result r = assess(never, Map.of(root(sonarr), SIGN_IN), History.empty());
        assertThat(r.report().outposts().getFirst().connection()).isEqualTo(OutpostConnection.NEVER_CONNECTED);
        assertThat(r.report().status()).isEqualTo(HealthStatus.UNHEALTHY);
        Observed outdated = new Observed(List.of(embedded(PUBLIC, "1")), List.of(sonarr), Set.of(),
                Map.of("emb", List.of(new Heartbeat("h", "2025.10.1", NOW, true))));
        assertThat(assess(outdated, Map.of(root(sonarr), SIGN_IN), History.empty()).report().status())
                .isEqualTo(HealthStatus.DEGRADED);
    }

    @Test
    void aWrongOrBlankAuthentikHostIsUnhealthyAndHealedOnlyOnceThisServicePutAProviderThere() {
        for (String wrong : List.of("", "https://old.example.com")) {
            Result r = assess(observed(List.of(embedded(wrong, "1")), List.of(sonarr), Set.of("sonarr")),
                    Map.of(root(sonarr), SIGN_IN), History.empty());
            assertThat(r.report().outposts().getFirst().authentikHost().ok()).isFalse();
            assertThat(r.heal().authentikHost()).isTrue();
            assertThat(r.report().status()).isEqualTo(HealthStatus.UNHEALTHY);
        }
        Result notOurs = assess(observed(List.of(embedded("", "1")), List.of(sonarr), Set.of()),
                Map.of(root(sonarr), SIGN_IN), History.empty());
        assertThat(notOurs.heal().authentikHost()).as("no provider of ours on it: reported only").isFalse();
        assertThat(notOurs.report().findings()).singleElement().asString().contains("set it in the outpost's");
        Result freshInstall = assess(observed(List.of(embedded("")), List.of(), Set.of()), Map.of(), History.empty());
        assertThat(freshInstall.report().status()).as("a blank host on an outpost serving nothing redirects no one")
                .isEqualTo(HealthStatus.HEALTHY);
        assertThat(freshInstall.report().outposts().getFirst().authentikHost()).isNull();
        Result slash = assess(observed(List.of(embedded(PUBLIC + "/", "1")), List.of(sonarr), Set.of()),
                Map.of(root(sonarr), SIGN_IN), History.empty());
        assertThat(slash.report().outposts().getFirst().authentikHost().ok()).isTrue();
    }

    @Test
    void rootPassingWithoutSignInIsUnprotectedAndAFailingSkipPathSampleDegrades() {
        Provider open = provider("1", "Sonarr", "forward_single", "https://sonarr.example.com", "", "^/api/.*\n^/feed$",
                "sonarr");
        Observed o = observed(List.of(embedded(PUBLIC, "1")), List.of(open), Set.of());
        assertThat(ProbePlan.targets(o, SETTINGS.domainHosts())).extracting(t -> t.url().toString()).containsExactly(
                "https://sonarr.example.com/", "https://sonarr.example.com/api/", "https://sonarr.example.com/feed");
        Result r = assess(o, Map.of(root(open), SIGN_IN, URI.create("https://sonarr.example.com/api/"), PASSED,
                URI.create("https://sonarr.example.com/feed"), SIGN_IN), History.empty());
        Host h = host(r, "Sonarr");
        assertThat(h.state()).isEqualTo(HostState.SERVED);
        assertThat(h.unauthenticatedPaths()).extracting(OutpostHealthReport.UnauthenticatedPath::passed)
                .containsExactly(true, false);
        assertThat(r.report().status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(r.report().findings()).singleElement().asString().contains("/feed should pass without sign-in");

        Result unprotected = assess(o, Map.of(root(open), PASSED), History.empty());
        assertThat(host(unprotected, "Sonarr").state()).isEqualTo(HostState.UNPROTECTED);
        assertThat(unprotected.report().status()).isEqualTo(HealthStatus.UNHEALTHY);
    }

    @Test
    void aDomainLevelProviderIsProbedAtTheConfiguredHostsUnderItsCookieDomain() {
        Provider domain = provider("3", "Domain", "forward_domain", "https://auth.example.com", "example.com", "",
                "domain");
        assertThat(ProbePlan.hosts(domain, List.of("app.example.com", "other.org")))
                .containsExactly(URI.create("https://app.example.com/"));
        assertThat(ProbePlan.hosts(domain, List.of())).containsExactly(URI.create("https://auth.example.com/"));
    }

    @Test
    void aHealThatFailedIsAnUnhealthyFindingOfItsOwn() {
        History failed = new History(Map.of(), Map.of(), Map.of(), null, "authentik answered 502");
        Result r = assess(observed(List.of(embedded(PUBLIC, "1")), List.of(sonarr), Set.of()),
                Map.of(root(sonarr), SIGN_IN), failed);
        assertThat(r.report().status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(r.report().findings()).singleElement().asString().contains("healing failed (authentik answered 502)");
    }

    @Test
    void anOutpostDownForTheProbesIsOutpostDown() {
        Result r = assess(observed(List.of(embedded(PUBLIC, "1")), List.of(sonarr), Set.of()),
                Map.of(root(sonarr), REFUSED), History.empty());
        assertThat(host(r, "Sonarr").state()).isEqualTo(HostState.OUTPOST_DOWN);
        assertThat(host(r, "Sonarr").probe().error()).isEqualTo("connection refused");
        assertThat(r.report().status()).isEqualTo(HealthStatus.UNHEALTHY);
    }

    private static Result assess(Observed o, Map<URI, ProbeResult> probes, History history) {
        return OutpostAssessment.assess(o, probes, history, SETTINGS, NOW);
    }

    private static Host host(Result r, String provider) {
        return r.report().hosts().stream().filter(h -> h.provider().equals(provider)).findFirst().orElseThrow();
    }

    private static URI root(Provider p) {
        return p.externalHost().resolve("/");
    }

    private static Heartbeat live() {
        return new Heartbeat("authentik-server", "2026.2.2", NOW.minusSeconds(3), false);
    }

    private static Outpost embedded(String authentikHost, String... providers) {
        return new Outpost("emb", "authentik Embedded Outpost", "proxy", EmbeddedOutpost.MANAGED,
                new LinkedHashSet<>(List.of(providers)), authentikHost, "");
    }

    private static Observed observed(List<Outpost> outposts, List<Provider> providers, Set<String> managed) {
        Map<String, List<Heartbeat>> instances = new HashMap<>();
        outposts.forEach(o -> instances.put(o.pk(), List.of(live())));
        return new Observed(outposts, providers, managed, instances);
    }

    private static Provider provider(String pk, String name, String mode, String external, String cookieDomain,
            String skip, String app) {
        return new Provider(pk, name, mode, URI.create(external), cookieDomain, skip, app);
    }
}
