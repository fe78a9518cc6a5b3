package io.github.authentikprovisioner.bootstrap;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.authentikprovisioner.ApiTestSupport;
import io.github.authentikprovisioner.authentik.CurrentToken;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The hand-over from the bootstrap token to the service's own: on a fresh install, again (nothing written), as a dry
 * run, with each step failing once, and against the things that could take the key away later.
 */
@QuarkusTest
class ServiceAccountHandoverTest extends ApiTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** AUTHENTIK_SERVICE_TOKEN of the test profile. */
    static final String SERVICE_KEY = "test-service-token-not-a-secret-0123456789";
    private static final String ME = "/emulator/api/v3/core/users/me/";

    @Inject
    HandoverSchedule schedule;

    @BeforeEach
    void freshSchedule() {
        schedule.startOver();
    }

    private static Response handOver() {
        return api().post("/bootstrap/service-account");
    }

    private void assertRunsOnItsOwnToken() {
        assertThat(currentToken.source()).isEqualTo(CurrentToken.Source.AUTHENTIK_SERVICE_TOKEN);
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks[0].data.user", equalTo(ServiceAccountRecipe.NAME))
                .body("checks[0].data.token", equalTo("AUTHENTIK_SERVICE_TOKEN"))
                .body("checks[0].data.superuser", equalTo(true));
    }

    private void assertStillOnTheBootstrapToken() {
        assertThat(currentToken.source()).isEqualTo(CurrentToken.Source.AUTHENTIK_TOKEN);
        given().get("/q/health/ready").then().statusCode(200).body("checks[0].data.user", equalTo("akadmin"))
                .body("checks[0].data.token", equalTo("AUTHENTIK_TOKEN"));
        api().get("/apps/servarr").then().statusCode(200);
    }

    @Test
    void aFreshInstallIsHandedOverToTheServiceAccountsOwnToken() {
        Response r = handOver();
        r.then().statusCode(201).body("status", equalTo("created"))
                .body("tokenUser", equalTo(ServiceAccountRecipe.NAME))
                .body("token", equalTo("AUTHENTIK_SERVICE_TOKEN"))
                .body("next", containsString("PUT /admins/"))
                .body("changes.collect { it.action + ' ' + it.kind + ' ' + it.name + ' ' + it.fields }", equalTo(List.of(
                        "create user authentik-provisioner [name, type, path, is_active]",
                        "update group authentik Admins [users]",
                        "create token authentik-provisioner [user, intent, expiring, description]",
                        "update token authentik-provisioner [key]")));
        assertThat(r.jsonPath().getInt("authentikCalls.writes")).isEqualTo(4)
                .isEqualTo((int) emulator.calls().writes());
        assertThat(r.jsonPath().getInt("authentikCalls.reads")).isEqualTo((int) emulator.calls().reads());
        assertThat(r.asString()).doesNotContain(SERVICE_KEY);

        assertRunsOnItsOwnToken();
        given().auth().oauth2(SERVICE_KEY).get(ME).then().statusCode(200)
                .body("user.username", equalTo(ServiceAccountRecipe.NAME)).body("user.type", equalTo("service_account"));
        JsonNode token = emulator.get("/core/tokens/authentik-provisioner/");
        assertThat(token.get("intent").asText()).isEqualTo("api");
        assertThat(token.get("expiring").asBoolean()).isFalse();
        assertThat(token.get("user_obj").get("username").asText()).isEqualTo(ServiceAccountRecipe.NAME);
        assertThat(emulator.get("/core/users/?username=authentik-provisioner").get("results").get(0).get("path")
                .asText()).isEqualTo("goauthentik.io/service-accounts");
    }

    @Test
    void aSecondRunUsesTheWorkingKeyAndWritesNothing() {
        handOver().then().statusCode(201);
        emulator.calls().clear();

        handOver().then().statusCode(200).body("status", equalTo("unchanged")).body("authentikCalls.writes", equalTo(0))
                .body("authentikCalls.reads", equalTo(1)).body("tokenUser", equalTo(ServiceAccountRecipe.NAME));
        assertThat(emulator.calls().writes()).isZero();
    }

    @Test
    void afterARestartTheFirstAttemptFindsTheKeyWorkingAndWritesNothing() {
        handOver().then().statusCode(201);
        currentToken.reset(); // a restart: the service begins with AUTHENTIK_TOKEN again
        emulator.calls().clear();

        schedule.tick();

        assertThat(schedule.done()).isTrue();
        assertThat(emulator.calls().writes()).isZero();
        assertRunsOnItsOwnToken();
    }

    @Test
    void theScheduleHandsOverOnItsOwnAndThenStops() {
        schedule.tick();
        assertThat(schedule.done()).isTrue();
        assertRunsOnItsOwnToken();
        emulator.calls().clear();
        schedule.tick();
        assertThat(emulator.calls().all()).isEmpty();
    }

    @Test
    void whileAuthentikIsDownTheScheduleWaitsAndKeepsTheToken() {
        emulator.faults().down(true);
        schedule.tick();
        assertThat(schedule.done()).isFalse();
        assertThat(schedule.failures()).isEqualTo(1);
        assertThat(currentToken.source()).isEqualTo(CurrentToken.Source.AUTHENTIK_TOKEN);
        emulator.faults().down(false);

        handOver().then().statusCode(201);
        assertRunsOnItsOwnToken();
    }

    @Test
    void aDryRunPlansEveryStepAndWritesNothing() {
        handOver();
        emulator.reset();
        currentToken.reset();

        api().queryParam("dryRun", true).post("/bootstrap/service-account").then().statusCode(200)
                .body("status", equalTo("planned")).body("tokenUser", equalTo("akadmin"))
                .body("token", equalTo("AUTHENTIK_TOKEN"))
                .body("changes.collect { it.action + ' ' + it.kind }",
                        equalTo(List.of("create user", "update group", "create token", "update token")));
        assertThat(emulator.calls().writes()).isZero();
        assertStillOnTheBootstrapToken();
    }

    static Stream<Arguments> steps() {
        return Stream.of(
                Arguments.of("POST", "^/core/users/$", 1, 500, 503, "ensure the service account"),
                Arguments.of("PATCH", "^/core/groups/[^/]+/$", 1, 400, 502, "membership of 'authentik Admins'"),
                Arguments.of("POST", "^/core/tokens/$", 1, 500, 503, "its token"),
                Arguments.of("POST", "^/core/tokens/authentik-provisioner/set_key/$", 1, 500, 503, "set the key"),
                // the first users/me is the check of the own key, the second the one of AUTHENTIK_TOKEN
                Arguments.of("GET", "^/core/users/me/$", 2, 403, 503, "check AUTHENTIK_TOKEN"),
                Arguments.of("GET", "^/core/users/me/$", 3, 403, 503, "verify AUTHENTIK_SERVICE_TOKEN"));
    }

    @ParameterizedTest(name = "{0} {1} #{2} failing")
    @MethodSource("steps")
    void eachStepFailingOnceLeavesAWorkingTokenAndARerunCompletes(String method, String path, int nth, int injected,
            int answered, String step) {
        emulator.faults().failNth(method, path, nth, injected);

        handOver().then().statusCode(answered).contentType("application/problem+json")
                .body("detail", containsString(step)).body("detail", containsString("Nothing was switched"))
                .body("detail", containsString("POST /bootstrap/service-account"));
        emulator.faults().clear();
        assertStillOnTheBootstrapToken();

        handOver().then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(201)))
                .body("tokenUser", equalTo(ServiceAccountRecipe.NAME));
        assertRunsOnItsOwnToken();
        emulator.calls().clear();
        handOver().then().statusCode(200).body("status", equalTo("unchanged"));
        assertThat(emulator.calls().writes()).isZero();
    }

    @Test
    void aFailedScheduledAttemptIsLoggedAndLeavesTheTokenInUse() {
        emulator.faults().failNth("POST", "^/core/tokens/$", 1, 500);
        schedule.tick();
        assertThat(schedule.done()).isFalse();
        assertThat(schedule.failures()).isEqualTo(1);
        assertStillOnTheBootstrapToken();
    }

    @Test
    void theBootstrapBlueprintAppliedAgainDoesNotTakeTheKeyAway() {
        handOver().then().statusCode(201);
        emulator.reapplyBlueprints(); // what authentik's worker does on a restart after an upgrade
        given().auth().oauth2(SERVICE_KEY).get(ME).then().statusCode(200)
                .body("user.username", equalTo(ServiceAccountRecipe.NAME));
        emulator.calls().clear();
        handOver().then().statusCode(200).body("status", equalTo("unchanged"));
        assertThat(emulator.calls().writes()).isZero();
    }

    @Test
    void aKeyRefusedLaterIsSetUpAgainWithTheFirstToken() {
        handOver().then().statusCode(201);
        emulator.direct("DELETE", "/core/tokens/authentik-provisioner/", null); // an admin cleaning up tokens

        api().get("/apps/servarr").then().statusCode(503).header("Retry-After", notNullValue())
                .body("detail", containsString("AUTHENTIK_SERVICE_TOKEN"))
                .body("detail", containsString("POST /bootstrap/service-account"));
        handOver().then().statusCode(201).body("changes.collect { it.action + ' ' + it.kind }",
                hasItems("create token", "update token"));
        assertRunsOnItsOwnToken();
    }

    @Test
    void aServiceKeyOfAnotherUsersTokenIsRefused() {
        JsonNode bob = emulator.create("/core/users/", JSON.createObjectNode().put("username", "bob").put("name", "Bob"));
        emulator.create("/core/tokens/", JSON.createObjectNode().put("identifier", "bobs").put("expiring", false)
                .put("user", bob.get("pk").asInt()));
        emulator.direct("POST", "/core/tokens/bobs/set_key/", JSON.createObjectNode().put("key", SERVICE_KEY));

        handOver().then().statusCode(409).body("detail", containsString("'bob'"))
                .body("detail", containsString("nothing was switched"));
        assertStillOnTheBootstrapToken();
    }

    @Test
    void theBootstrapTokenRefusedStopsWithWhatToDo() {
        emulator.acceptToken("some-other-bootstrap-key");
        handOver().then().statusCode(503).header("Retry-After", notNullValue())
                .body("detail", containsString("check AUTHENTIK_TOKEN"))
                .body("detail", containsString("reactivate akadmin"));
        assertThat(currentToken.source()).isEqualTo(CurrentToken.Source.AUTHENTIK_TOKEN);
    }

    @Test
    void pausesDoubleUpToTheLongest() {
        Duration first = Duration.ofSeconds(2);
        Duration max = Duration.ofSeconds(30);
        assertThat(List.of(1, 2, 3, 4, 5, 10).stream().map(n -> HandoverSchedule.pause(n, first, max).toSeconds()))
                .containsExactly(2L, 4L, 8L, 16L, 30L, 30L);
    }
}
