package io.github.authentikprovisioner.emulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.github.authentikprovisioner.ApiTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Proof that the emulator's schema check bites, and that it behaves as authentik does at the edges. */
@QuarkusTest
class SchemaValidationTest extends ApiTestSupport {

    private static final String TOKEN = "emulator-token-not-a-secret-0123456789";

    @Test
    void requestViolatingTheSchemaIsRefusedAndRecorded() {
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON)
                .body("{\"name\": \"x\", \"mode\": \"forward_everything\", \"cookie_domian\": \"example.com\"}")
                .post("/emulator/api/v3/providers/proxy/")
                .then().statusCode(400);
        assertThat(emulator.violations()).anySatisfy(v -> assertThat(v).contains("mode"));
        assertThat(emulator.violations()).anySatisfy(v -> assertThat(v).contains("cookie_domian"));
        emulator.reset(); // the violations were the point of this test
    }

    @Test
    void badTokenIs403LikeAuthentik() {
        given().auth().oauth2("nope").get("/emulator/api/v3/core/users/me/").then().statusCode(403)
                .body("detail", equalTo("Token invalid/expired"));
        given().get("/emulator/api/v3/core/users/me/").then().statusCode(403);
    }

    @Test
    void unknownFiltersAreIgnoredLikeDjangoFilter() {
        int all = given().auth().oauth2(TOKEN).get("/emulator/api/v3/flows/instances/?page_size=100")
                .then().statusCode(200).extract().path("pagination.count");
        given().auth().oauth2(TOKEN).get("/emulator/api/v3/flows/instances/?name__iexact=nothing&page_size=100")
                .then().statusCode(200).body("pagination.count", equalTo(all));
        assertThat(emulator.violations()).singleElement().asString().contains("name__iexact");
        emulator.reset(); // recorded so that the service's own tests fail on such filters
    }

    @Test
    void freshInstallHasTheDefaultObjects() {
        assertThat(emulator.get("/flows/instances/default-authentication-flow/").get("stages")).hasSize(4);
        assertThat(emulator.list("/core/groups/?name=authentik%20Admins")).hasSize(1);
        assertThat(emulator.list("/core/users/?username=akadmin").getFirst().get("is_superuser").asBoolean()).isTrue();
        assertThat(emulator.list("/outposts/instances/?managed__iexact=goauthentik.io/outposts/embedded")).hasSize(1);
        assertThat(emulator.list("/propertymappings/provider/scope/")).hasSizeGreaterThanOrEqualTo(7);
        assertThat(emulator.list("/core/brands/?default=true")).hasSize(1);
    }
}
