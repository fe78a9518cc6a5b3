package io.github.authentikprovisioner.outposthealth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
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
import io.github.authentikprovisioner.outposthealth.ProbePlan.Probed;

/** Which hosts a scheduled check asks the outpost about: each ask of a served host stores a session row upstream. */
class ProbePlanTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final ProbeResult SIGN_IN = new ProbeResult(302,
            "https://auth.example.com/application/o/authorize/?client_id=x", "", 3, null);
    private static final ProbeResult NO_APP = new ProbeResult(404, null, "Not Found", 2, null);
    private static final ProbeResult PASSED = new ProbeResult(200, null, "", 2, null);

    private final Provider sonarr = new Provider("1", "Sonarr", "forward_single",
            URI.create("https://sonarr.example.com"), "", "^/api/.*", "sonarr");
    private final Provider radarr = new Provider("2", "Radarr", "forward_single",
            URI.create("https://radarr.example.com"), "", "", "radarr");
    private final URI sonarrRoot = URI.create("https://sonarr.example.com/");
    private final URI sonarrApi = URI.create("https://sonarr.example.com/api/");
    private final URI radarrRoot = URI.create("https://radarr.example.com/");

    @Test
    void aServedHostWhoseFingerprintStandsIsNotAskedAgainUntilTheFullSweep() {
        Observed o = observed("uid-1");
        List<ProbePlan.Target> targets = ProbePlan.targets(o, List.of());
        Map<String, String> prints = prints(o, "app-a");
        assertThat(ProbePlan.select(targets, prints, Map.of(), false)).as("never asked")
                .containsExactlyInAnyOrder(sonarrRoot, sonarrApi, radarrRoot);

        Map<URI, Probed> answered = Map.of(sonarrRoot, new Probed(prints.get("1"), SIGN_IN),
                sonarrApi, new Probed(prints.get("1"), PASSED), radarrRoot, new Probed(prints.get("2"), NO_APP));
        assertThat(ProbePlan.select(targets, prints, answered, false)).as("radarr is not proven served yet")
                .containsExactly(radarrRoot);
        assertThat(ProbePlan.select(targets, prints, answered, true)).hasSize(3);
    }

    @Test
    void anApplicationMadeAgainOrANewOutpostInstanceChangesTheFingerprint() {
        Observed o = observed("uid-1");
        String before = ProbePlan.fingerprint(o, sonarr, "app-a");
        assertThat(ProbePlan.fingerprint(o, sonarr, "app-b")).as("same slug, another application").isNotEqualTo(before);
        assertThat(ProbePlan.fingerprint(observed("uid-2"), sonarr, "app-a")).as("authentik-server restarted")
                .isNotEqualTo(before);
        assertThat(ProbePlan.fingerprint(observed("uid-1"), sonarr, "app-a")).isEqualTo(before);

        List<ProbePlan.Target> targets = ProbePlan.targets(o, List.of());
        Map<URI, Probed> answered = Map.of(sonarrRoot, new Probed(before, SIGN_IN), sonarrApi,
                new Probed(before, PASSED), radarrRoot, new Probed(prints(o, "app-a").get("2"), SIGN_IN));
        Map<String, String> changed = new HashMap<>(prints(o, "app-a"));
        changed.put("1", ProbePlan.fingerprint(o, sonarr, "app-b"));
        assertThat(ProbePlan.select(targets, changed, answered, false)).as("the host and its sample")
                .containsExactlyInAnyOrder(sonarrRoot, sonarrApi);
    }

    private Map<String, String> prints(Observed o, String sonarrApp) {
        return Map.of("1", ProbePlan.fingerprint(o, sonarr, sonarrApp), "2", ProbePlan.fingerprint(o, radarr, "app-r"));
    }

    private Observed observed(String uid) {
        Outpost embedded = new Outpost("emb", "authentik Embedded Outpost", "proxy", EmbeddedOutpost.MANAGED,
                new LinkedHashSet<>(List.of("1", "2")), "https://auth.example.com", "");
        return new Observed(List.of(embedded), List.of(sonarr, radarr), Set.of("sonarr", "radarr"),
                Map.of("emb", List.of(new Heartbeat(uid, "authentik-server", "2026.2.2", NOW, false))));
    }
}
