package io.github.authentikprovisioner.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import io.github.authentikprovisioner.ApiTestSupport;
import io.quarkus.test.junit.QuarkusTest;

/** {@code POST /email/test} without {@code AUTHENTIK_EMAIL__HOST} (the default test profile): a 400 naming it. */
@QuarkusTest
class EmailTestUnconfiguredTest extends ApiTestSupport {

    @Test
    void withoutAHostTheAnswerIsA400NamingTheVariable() {
        EmailTestResourceTest.test("someone@example.com").then().statusCode(400)
                .contentType("application/problem+json").body("status", equalTo(400))
                .body("errors.field", hasItem("AUTHENTIK_EMAIL__HOST"))
                .body("detail", containsString("AUTHENTIK_EMAIL__HOST is empty"));
        assertThat(emulator.calls().all()).as("authentik calls").isEmpty();
    }

    @Test
    void theRecipientIsCheckedFirst() {
        api().body("{\"to\": \"nobody\"}").post("/email/test").then().statusCode(400)
                .body("errors.field", hasItem("to"));
    }

    @Test
    void withoutTheApiTokenNothingHappens() {
        io.restassured.RestAssured.given().contentType("application/json").body("{\"to\": \"a@example.com\"}")
                .post("/email/test").then().statusCode(401);
    }
}
