package io.github.authentikprovisioner.desiredstate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.authentikprovisioner.ApiTestSupport;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class DesiredStateResourceTest extends ApiTestSupport {

    static final String DOCUMENT = """
            - forwardAuth: {cookieDomain: example.com}
            - servarr: {name: Prowlarr, slug: prowlarr, externalHost: "https://prowlarr.example.com", username: admin, password: pw1}
            - servarr: {name: Sonarr, slug: sonarr, externalHost: "https://sonarr.example.com", username: admin, password: pw2}
            """;

    private static io.restassured.specification.RequestSpecification yaml(String document) {
        return api().contentType("application/yaml").body(document.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void wholeSetupInOneDocumentThenNothingToDo() {
        yaml(DOCUMENT).post("/desired-state").then().statusCode(201)
                .body("status", equalTo("created"))
                .body("entries.recipe", equalTo(List.of("forwardAuth", "servarr", "servarr")))
                .body("entries.status", equalTo(List.of("created", "created", "created")));
        assertThat(emulator.list("/providers/proxy/")).hasSize(3);
        emulator.calls().clear();

        yaml(DOCUMENT).post("/desired-state").then().statusCode(200)
                .body("status", equalTo("unchanged")).body("authentikCalls.writes", equalTo(0));
        assertThat(emulator.calls().writes()).isZero();
    }

    @Test
    void dryRunPlansEveryEntry() {
        yaml(DOCUMENT).queryParam("dryRun", true).post("/desired-state")
                .then().statusCode(200).body("status", equalTo("planned"))
                .body("entries.status", equalTo(List.of("planned", "planned", "planned")));
        assertThat(emulator.calls().writes()).isZero();
    }

    @Test
    void anInvalidEntryStopsEverythingBeforeAnyCall() {
        String doc = DOCUMENT.replace("slug: sonarr", "slug: \"so narr\"") + "- nonsense: {a: 1}\n";
        yaml(doc).post("/desired-state").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("[2].servarr.slug"))
                .body("errors.field", hasItem("[3].nonsense"))
                .body("detail", containsString("[2].servarr.slug"));
        yaml("- forwardAuth: {cookieDomain: example.com, consent: maybe}")
                .post("/desired-state").then().statusCode(400).body("errors.field", hasItem("[0].forwardAuth.consent"));
        assertThat(emulator.calls().all()).isEmpty();
    }

    @Test
    void aFailingEntryIsNamedAndARerunConverges() {
        emulator.faults().failNth("POST", "^/core/applications/$", 2, 500);
        yaml(DOCUMENT).post("/desired-state").then().statusCode(503)
                .header("Retry-After", notNullValue())
                .body("detail", containsString("entry [1].servarr"));
        emulator.faults().clear();
        yaml(DOCUMENT).post("/desired-state").then().statusCode(201)
                .body("entries.status", equalTo(List.of("unchanged", "created", "created")));
        assertThat(emulator.list("/core/applications/?superuser_full_list=true")).hasSize(3);
    }

    @Test
    void passwordsFromTheDocumentAreNotEchoed() {
        String answer = yaml(DOCUMENT).post("/desired-state").asString();
        assertThat(answer).doesNotContain("pw1").doesNotContain("pw2");
    }
}
