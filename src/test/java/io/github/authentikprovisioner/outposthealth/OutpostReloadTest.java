package io.github.authentikprovisioner.outposthealth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.authentikprovisioner.ApiTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * An application made again by hand for a provider the embedded outpost already lists: authentik sends the outpost
 * no update for an application's save (authentik/core/signals.py), so it does not serve the host until its next
 * refresh. The check tells this from a wrong external host, and heals it by saving the outpost (that it blames the
 * external host only after such a reload is {@link OutpostAssessmentTest}'s). With no propagation time, so that
 * nothing counts as just changed and every state shows at once.
 */
@QuarkusTest
@TestProfile(OutpostReloadTest.NoPropagationTime.class)
class OutpostReloadTest extends ApiTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Propagation time zero: a host not served is judged at once. */
    public static class NoPropagationTime implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("provisioner.outpost.propagation", "0s");
        }
    }

    @Inject
    OutpostHealthService service;

    @BeforeEach
    void freshService() {
        service.startOver();
    }

    @Test
    void anApplicationMadeAgainByHandIsReloadedByTheCheckNotBlamedOnTheExternalHost() {
        api().body(servarrApp("sonarr", "pw")).post("/apps/servarr").then().statusCode(201);
        assertThat(state(check())).isEqualTo("served");
        JsonNode app = emulator.get("/core/applications/sonarr/");
        emulator.direct("DELETE", "/core/applications/sonarr/", null);
        emulator.outposts().refreshNow();
        emulator.create("/core/applications/", JSON.createObjectNode().put("name", "Sonarr").put("slug", "sonarr")
                .put("provider", app.get("provider").asInt()).put("meta_publisher", "authentik-provisioner"));
        emulator.calls().clear();

        JsonPath healed = check();
        assertThat(healed.getString("hosts[0].probe.status")).isEqualTo("404");
        assertThat(state(healed)).isEqualTo("propagating");
        assertThat(healed.getString("hosts[0].detail")).contains("saved the outpost");
        assertThat(healed.getList("findings")).singleElement().asString().contains("saved the outpost");
        assertThat(emulator.calls().writeCalls()).extracting(c -> c.method() + " " + c.path().replaceAll(
                "/[0-9a-f-]{36}/$", "/{pk}/")).containsExactly("PATCH /outposts/instances/{pk}/");

        JsonPath after = check();
        assertThat(state(after)).isEqualTo("served");
        assertThat(after.getInt("authentikCalls.writes")).isZero();
    }

    private JsonPath check() {
        return api().get("/outposts/health?refresh=true").then().statusCode(200).extract().jsonPath();
    }

    private static String state(JsonPath report) {
        return report.getString("hosts[0].state");
    }
}
