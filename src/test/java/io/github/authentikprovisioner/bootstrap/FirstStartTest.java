package io.github.authentikprovisioner.bootstrap;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.authentikprovisioner.ApiTestSupport;
import io.github.authentikprovisioner.desiredstate.DesiredStateApplier;
import io.github.authentikprovisioner.desiredstate.DesiredStateDocument;
import io.github.authentikprovisioner.desiredstate.DesiredStateReport;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 11's first start, end to end: a fresh install with only the bootstrap token, the service on its own token
 * after start, your admin made and akadmin retired, authentik refusing akadmin's token as upstream does, and the
 * whole guide (the example document) still applied by the service; every second call writes nothing.
 */
@QuarkusTest
class FirstStartTest extends ApiTestSupport {

    private static final String BOOTSTRAP_KEY = "emulator-token-not-a-secret-0123456789";
    private static final String ME = "/emulator/api/v3/core/users/me/";
    private static final String ADMIN = """
            {"name": "Alice Example", "email": "alice@example.com", "password": "alice-password-not-a-secret",
             "deactivateAkadmin": true}""";

    @Inject
    HandoverSchedule schedule;
    @Inject
    DesiredStateApplier applier;

    @BeforeEach
    void freshStart() {
        schedule.startOver();
    }

    @Test
    void onlyTheBootstrapTokenToAkadminRetiredWithEveryRecipeStillWorking() throws Exception {
        schedule.tick(); // the first scheduled attempt after start

        given().auth().oauth2(SERVICE_TOKEN).get(ME).then().statusCode(200)
                .body("user.username", equalTo(ServiceAccountRecipe.NAME)).body("user.is_superuser", equalTo(true));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks[0].data.user", equalTo(ServiceAccountRecipe.NAME));

        api().body(ADMIN).put("/admins/alice").then().statusCode(201).body("akadminActive", equalTo(false));
        given().auth().oauth2(BOOTSTRAP_KEY).get(ME).then().statusCode(403)
                .body("detail", equalTo("Token invalid/expired"));
        assertThat(emulator.list("/core/users/?username=akadmin").getFirst().get("is_active").asBoolean()).isFalse();

        DesiredStateReport guide = applier.apply(DesiredStateDocument.parseExpanding(
                Files.readString(Path.of("deploy/desired-state.example.yaml")),
                io.github.authentikprovisioner.ExampleEnvironment.of("alice-password-not-a-secret")), false);
        assertThat(guide.status().json()).isEqualTo("created");
        assertThat(guide.entries()).hasSizeGreaterThanOrEqualTo(12);

        emulator.calls().clear();
        api().post("/bootstrap/service-account").then().statusCode(200).body("status", equalTo("unchanged"));
        api().body(ADMIN).put("/admins/alice").then().statusCode(200).body("status", equalTo("unchanged"));
        DesiredStateReport again = applier.apply(DesiredStateDocument.parseExpanding(
                Files.readString(Path.of("deploy/desired-state.example.yaml")),
                io.github.authentikprovisioner.ExampleEnvironment.of("alice-password-not-a-secret")), false);
        assertThat(again.status().json()).isEqualTo("unchanged");
        assertThat(emulator.calls().writes()).isZero();
        assertThat(emulator.passwordIs("alice", "alice-password-not-a-secret")).isTrue();
    }
}
