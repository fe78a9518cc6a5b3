package io.github.authentikprovisioner.invitations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.authentikprovisioner.ApiTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** {@code /invitations} without SMTP configured (the test profile sets no AUTHENTIK_EMAIL__HOST). */
@QuarkusTest
class InvitationsResourceTest extends ApiTestSupport {

    static final String ALICE = """
            {"name": "for-alice", "email": "alice@example.com", "expiresIn": "P7D", "singleUse": true,
             "fixedData": {"email": "alice@example.com"}}""";

    @Test
    void beforeTheEnrollmentFlowExistsTheAnswerSaysWhichCallMakesIt() {
        api().body(ALICE).post("/invitations").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("PUT /security/invitation-enrollment"));
        assertThat(emulator.calls().writes()).isZero();
    }

    @Test
    void invitationIsCreatedForTheEnrollmentFlowAndItsLinkReturned() {
        enrollment();
        Instant before = Instant.now();
        Response r = api().body(ALICE).post("/invitations");
        r.then().statusCode(201).body("status", equalTo("created")).body("name", equalTo("for-alice"))
                .body("singleUse", equalTo(true)).body("emailed", equalTo(false))
                .body("emailDetail", containsString("not configured"));
        String id = r.jsonPath().getString("id");
        assertThat(r.jsonPath().getString("link"))
                .isEqualTo("https://auth.example.com/if/flow/enrollment-invitation/?itoken=" + id);
        Instant expires = Instant.parse(r.jsonPath().getString("expires"));
        assertThat(expires).isBetween(before.plus(Duration.ofDays(7)).minusSeconds(2),
                Instant.now().plus(Duration.ofDays(7)));

        JsonNode invitation = emulator.get("/stages/invitation/invitations/" + id + "/");
        assertThat(invitation.get("name").asText()).isEqualTo("for-alice");
        assertThat(invitation.get("single_use").asBoolean()).isTrue();
        assertThat(invitation.get("flow_obj").get("slug").asText()).isEqualTo("enrollment-invitation");
        assertThat(invitation.get("fixed_data").get("email").asText()).isEqualTo("alice@example.com");
        assertThat(Instant.parse(invitation.get("expires").asText())).isEqualTo(expires);
        assertThat(emulator.calls().writeCalls()).extracting(c -> c.method() + " " + c.path())
                .containsExactly("POST /stages/invitation/invitations/");
        assertThat(r.jsonPath().getInt("authentikCalls.reads")).isEqualTo((int) emulator.calls().reads());
    }

    @Test
    void nameIsGeneratedWhenAbsentAndEveryPostIsANewInvitation() {
        enrollment();
        String first = api().body("{}").post("/invitations").then().statusCode(201)
                .body("name", matchesPattern("^invitation-[a-z0-9]{12}$")).body("singleUse", equalTo(true))
                .body("emailDetail", equalTo("no email address given")).extract().path("id");
        String second = api().body("{}").post("/invitations").then().statusCode(201).extract().path("id");
        assertThat(second).isNotEqualTo(first);
        assertThat(emulator.list("/stages/invitation/invitations/")).hasSize(2);
    }

    @Test
    void aNameTakenAlreadyIsAConflictAndTheExistingInvitationStaysAsItWas() {
        enrollment();
        api().body(ALICE).post("/invitations").then().statusCode(201);
        JsonNode before = emulator.list("/stages/invitation/invitations/?name=for-alice").getFirst();
        emulator.calls().clear();
        api().body(ALICE.replace("P7D", "P1D")).post("/invitations").then().statusCode(409)
                .body("detail", containsString("for-alice"));
        assertThat(emulator.calls().writes()).isZero();
        assertThat(emulator.list("/stages/invitation/invitations/?name=for-alice").getFirst()).isEqualTo(before);
    }

    /** Invitation names are not unique upstream (stages/invitation/models.py): deletes go by id, conflicts by lookup. */
    @Test
    void twoInvitationsOfOneNameAreDeletedOneByIdAndTheNameStaysTaken() {
        enrollment();
        String flow = emulator.get("/flows/instances/enrollment-invitation/").get("pk").asText();
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        String first = emulator.create("/stages/invitation/invitations/",
                json.valueToTree(Map.of("name", "twice", "flow", flow))).get("pk").asText();
        String second = emulator.create("/stages/invitation/invitations/",
                json.valueToTree(Map.of("name", "twice", "flow", flow))).get("pk").asText();

        api().delete("/invitations/" + first).then().statusCode(200).body("status", equalTo("deleted"));
        assertThat(emulator.list("/stages/invitation/invitations/?name=twice")).singleElement()
                .satisfies(i -> assertThat(i.get("pk").asText()).isEqualTo(second));
        emulator.create("/stages/invitation/invitations/", json.valueToTree(Map.of("name", "twice", "flow", flow)));
        api().body(ALICE.replace("for-alice", "twice")).post("/invitations").then().statusCode(409)
                .body("detail", containsString("twice"));
        assertThat(emulator.list("/stages/invitation/invitations/?name=twice")).hasSize(2);
    }

    @Test
    void dryRunChecksAndPlansWithoutCreating() {
        enrollment();
        emulator.calls().clear();
        api().body(ALICE).queryParam("dryRun", true).post("/invitations").then().statusCode(200)
                .body("status", equalTo("planned")).body("id", nullValue()).body("link", nullValue())
                .body("emailed", equalTo(false)).body("changes[0].action", equalTo("create"));
        assertThat(emulator.calls().writes()).isZero();
        assertThat(emulator.list("/stages/invitation/invitations/")).isEmpty();
    }

    @Test
    void listShowsFlowLinkAndExpiryAndDeleteRemoves() {
        enrollment();
        String id = api().body(ALICE).post("/invitations").then().statusCode(201).extract().path("id");
        api().get("/invitations").then().statusCode(200)
                .body("find { it.id == '%s' }.name".formatted(id), equalTo("for-alice"))
                .body("find { it.id == '%s' }.flow".formatted(id), equalTo("enrollment-invitation"))
                .body("find { it.id == '%s' }.link".formatted(id), containsString("?itoken=" + id))
                .body("find { it.id == '%s' }.expired".formatted(id), equalTo(false))
                .body("find { it.id == '%s' }.fixedData.email".formatted(id), equalTo("alice@example.com"));

        api().queryParam("dryRun", true).delete("/invitations/" + id).then().statusCode(200)
                .body("status", equalTo("planned")).body("changes[0].action", equalTo("delete"));
        assertThat(emulator.list("/stages/invitation/invitations/")).hasSize(1);
        api().delete("/invitations/" + id).then().statusCode(200).body("status", equalTo("deleted"))
                .body("changes[0].action", equalTo("delete"));
        assertThat(emulator.list("/stages/invitation/invitations/")).isEmpty();
        api().delete("/invitations/" + id).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void expiredInvitationsAreMarked() {
        enrollment();
        String flow = emulator.get("/flows/instances/enrollment-invitation/").get("pk").asText();
        emulator.create("/stages/invitation/invitations/", new com.fasterxml.jackson.databind.ObjectMapper()
                .valueToTree(Map.of("name", "old", "expires", "2020-01-01T00:00:00Z", "flow", flow)));
        api().get("/invitations").then().statusCode(200).body("find { it.name == 'old' }.expired", equalTo(true));
    }

    /** core/signals.py gives an empty expiry the default token duration; core/tasks.py deletes expired ones. */
    @Test
    void authentikFillsAnEmptyExpiryAndDeletesExpiredInvitationsOnItsCleanupTick() {
        enrollment();
        String flow = emulator.get("/flows/instances/enrollment-invitation/").get("pk").asText();
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        emulator.create("/stages/invitation/invitations/", json.valueToTree(Map.of("name", "open", "flow", flow)));
        emulator.create("/stages/invitation/invitations/",
                json.valueToTree(Map.of("name", "old", "expires", "2020-01-01T00:00:00Z", "flow", flow)));
        api().get("/invitations").then().statusCode(200)
                .body("find { it.name == 'open' }.expires", notNullValue())
                .body("find { it.name == 'open' }.expired", equalTo(false))
                .body("find { it.name == 'old' }.expired", equalTo(true));

        emulator.advanceClock(java.time.Duration.ofMinutes(5));
        api().get("/invitations").then().statusCode(200).body("name", equalTo(List.of("open")));
    }

    @Test
    void hundredConcurrentPostsGiveHundredDistinctInvitations() throws Exception {
        enrollment();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String body = i % 2 == 0 ? "{}" : "{\"name\": \"guest-" + i + "\", \"email\": \"g" + i + "@example.com\"}";
            calls.add(() -> api().body(body).post("/invitations"));
        }
        List<Integer> statuses = new ArrayList<>();
        HashSet<String> ids = new HashSet<>();
        for (Future<Response> f : pool.invokeAll(calls)) {
            statuses.add(f.get().statusCode());
            ids.add(f.get().jsonPath().getString("id"));
        }
        pool.shutdown();
        assertThat(statuses).hasSize(100).containsOnly(201);
        assertThat(ids).hasSize(100).doesNotContainNull();
        List<JsonNode> stored = emulator.list("/stages/invitation/invitations/");
        assertThat(stored).hasSize(100);
        assertThat(stored.stream().map(i -> i.get("name").asText()).distinct()).hasSize(100);
    }

    @Test
    void badInputIsRejectedNamingTheFieldWithoutCallingAuthentik() {
        badRequest("{\"expiresIn\": \"P60D\"}", "expiresIn", "P30D");
        badRequest("{\"expiresIn\": \"-P1D\"}", "expiresIn", "past");
        badRequest("{\"expiresIn\": \"PT0S\"}", "expiresIn", "positive");
        badRequest("{\"expiresIn\": \"next week\"}", "expiresIn", "");
        badRequest("{\"email\": \"alice-at-example.com\"}", "email", "");
        badRequest("{\"name\": \"for alice\"}", "name", "letters, digits");
        badRequest("{\"name\": \"" + "x".repeat(51) + "\"}", "name", "");
        badRequest("{\"singleUse\": \"once\"}", "singleUse", "");
        api().delete("/invitations/not-a-uuid").then().statusCode(400).body("errors.field", hasItem("id"));
        assertThat(emulator.calls().all()).isEmpty();
    }

    private void badRequest(String body, String field, String message) {
        api().body(body).post("/invitations").then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400)).body("errors.field", hasItem(field))
                .body("errors.find { it.field == '%s' }.message".formatted(field), containsString(message));
    }

    private void enrollment() {
        api().body("{}").put("/security/invitation-enrollment").then().statusCode(201);
        emulator.calls().clear();
    }
}
