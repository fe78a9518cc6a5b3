package io.github.authentikprovisioner.authentik;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.ApiTestSupport;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Whose token the service holds: authentik honours superuser_full_list for superusers only
 * (authentik/core/api/applications.py), so readiness says when the token's user is not one and what that costs.
 */
@QuarkusTest
class TokenUserTest extends ApiTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readinessNamesTheTokensUserAndThatItIsASuperuser() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks[0].data.user", equalTo("akadmin")).body("checks[0].data.superuser", equalTo(true));
    }

    @Test
    void aTokenOfAUserWhoIsNotASuperuserIsReportedWithWhatWillNotWork() {
        JsonNode admins = emulator.list("/core/groups/?name=authentik%20Admins").getFirst();
        ObjectNode noMembers = JSON.createObjectNode();
        noMembers.putArray("users");
        emulator.patch("/core/groups/" + admins.get("pk").asText() + "/", noMembers);

        given().get("/q/health/ready").then().statusCode(200)
                .body("checks[0].data.superuser", equalTo(false))
                .body("checks[0].data.limitation", containsString("superuser"));

        // and authentik then ignores superuser_full_list: an application gated by a group is not listed
        JsonNode group = emulator.create("/core/groups/", JSON.createObjectNode().put("name", "gate"));
        JsonNode app = emulator.create("/core/applications/", JSON.createObjectNode().put("name", "Gated")
                .put("slug", "gated"));
        emulator.create("/policies/bindings/", JSON.createObjectNode().put("target", app.get("pk").asText())
                .put("group", group.get("pk").asText()).put("order", 0));
        assertThat(emulator.list("/core/applications/?superuser_full_list=true")).isEmpty();
    }
}
