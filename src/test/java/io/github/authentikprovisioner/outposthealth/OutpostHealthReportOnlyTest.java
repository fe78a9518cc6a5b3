package io.github.authentikprovisioner.outposthealth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.authentikprovisioner.ApiTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** With {@code PROVISIONER_OUTPOST_HEAL=false} the check only reports: nothing is written, whatever it finds. */
@QuarkusTest
@TestProfile(OutpostHealthReportOnlyTest.ReportOnly.class)
class OutpostHealthReportOnlyTest extends ApiTestSupport {

    public static class ReportOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("provisioner.outpost.heal", "false");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    OutpostHealthService service;

    @Test
    void aManagedProviderRemovedByHandStaysNotServedAndNothingIsWritten() {
        service.startOver();
        api().body(servarrApp("sonarr", "pw")).post("/apps/servarr").then().statusCode(201);
        String embedded = emulator.list("/outposts/instances/?managed__iexact=goauthentik.io/outposts/embedded")
                .getFirst().get("pk").asText();
        emulator.patch("/outposts/instances/" + embedded + "/", JSON.createObjectNode().set("providers",
                JSON.createArrayNode()));
        emulator.calls().clear();

        for (int i = 0; i < 2; i++) {
            JsonPath report = api().get("/outposts/health?refresh=true").then().statusCode(200).extract().jsonPath();
            assertThat(report.getString("hosts[0].state")).isEqualTo("not-served");
            assertThat(report.getString("hosts[0].detail")).contains("run its recipe again");
            assertThat(report.getString("hosts[0].healedAt")).isNull();
        }
        assertThat(emulator.calls().writes()).isZero();
        assertThat(emulator.get("/outposts/instances/" + embedded + "/").get("providers")).isEmpty();
    }
}
