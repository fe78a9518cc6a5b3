package io.github.authentikprovisioner.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.authentikprovisioner.ApiTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * "Can bob sign in to nextcloud?", answered by authentik's own policy engine, and the app recipes saying when nobody
 * can (issue 19).
 */
@QuarkusTest
class UserAccessTest extends ApiTestSupport {

    private static final String NEXTCLOUD = "{\"preset\": \"nextcloud\", \"baseUrl\": \"https://nc.example.com\"}";

    @Test
    void bobIsRefusedNamingTheGateUntilHeIsInItsGroup() {
        api().body(NEXTCLOUD).post("/apps/oidc").then().statusCode(201)
                .body("warnings", equalTo(List.of("group nextcloud Users has no members: nobody can sign in to "
                        + "'nextcloud' yet; PUT /users/{username} with groups [\"nextcloud Users\"]")));
        api().body("{\"name\": \"Bob\"}").put("/users/bob").then().statusCode(201);

        emulator.calls().clear();
        api().get("/users/bob/access/nextcloud").then().statusCode(200).body("allowed", equalTo(false))
                .body("messages", hasItem(containsString("members of 'nextcloud Users'")))
                .body("fix", equalTo("PUT /users/bob with \"groups\": [\"nextcloud Users\"]"));
        assertThat(emulator.calls().all()).anyMatch(c -> c.path().equals("/core/applications/nextcloud/check_access/"));
        assertThat(emulator.calls().writes()).isZero();

        api().body("{\"name\": \"Bob\", \"groups\": [\"nextcloud Users\"]}").put("/users/bob").then().statusCode(200);
        api().get("/users/bob/access/nextcloud").then().statusCode(200).body("allowed", equalTo(true))
                .body("fix", nullValue());
        api().body(NEXTCLOUD).post("/apps/oidc").then().statusCode(200).body("warnings", equalTo(List.of()));
    }

    @Test
    void everyAppThisServiceManagesInFourReadsWhateverTheirNumber() {
        api().body("{\"cookieDomain\": \"example.com\"}").put("/forward-auth").then().statusCode(201);
        api().body(NEXTCLOUD).post("/apps/oidc").then().statusCode(201);
        api().body(servarrApp("sonarr", "pw")).post("/apps/servarr").then().statusCode(201)
                .body("warnings[0]", containsString("nobody gets Sonarr's credentials yet"));
        api().body("""
                {"name": "Docs", "slug": "docs", "externalHost": "https://docs.example.com",
                 "accessGroup": "authentik Admins"}""").put("/apps/protected").then().statusCode(201)
                .body("warnings", equalTo(List.of()));
        api().body("{\"name\": \"Bob\", \"groups\": [\"nextcloud Users\"]}").put("/users/bob").then().statusCode(201);

        emulator.calls().clear();
        JsonPath answer = api().get("/users/bob/access").then().statusCode(200).extract().jsonPath();
        assertThat(answer.getList("application")).containsExactlyInAnyOrder("traefik", "nextcloud", "sonarr", "docs");
        assertThat(answer.getBoolean("find { it.application == 'nextcloud' }.allowed")).isTrue();
        assertThat(answer.getBoolean("find { it.application == 'sonarr' }.allowed")).isTrue();
        assertThat(answer.getString("find { it.application == 'sonarr' }.messages[0]"))
                .contains("every signed-in user may open it");
        assertThat(answer.getBoolean("find { it.application == 'docs' }.allowed")).isFalse();
        assertThat(emulator.calls().reads()).as("users, applications, those listed for bob, bindings").isEqualTo(4);

        api().get("/users/akadmin/access").then().statusCode(200)
                .body("find { it.application == 'docs' }.allowed", equalTo(true))
                .body("find { it.application == 'nextcloud' }.allowed", equalTo(false));
    }

    @Test
    void anInactiveUserIsRefusedEverywhereAndUnknownNamesAre404() {
        api().body(NEXTCLOUD).post("/apps/oidc").then().statusCode(201);
        api().body("{\"name\": \"Bob\", \"active\": false, \"groups\": [\"nextcloud Users\"]}").put("/users/bob")
                .then().statusCode(201).body("warnings", hasItem(containsString("inactive")));
        api().get("/users/bob/access/nextcloud").then().statusCode(200).body("allowed", equalTo(false))
                .body("messages", hasItem(containsString("inactive")));
        api().get("/users/nobody/access/nextcloud").then().statusCode(404);
        api().get("/users/bob/access/nothing").then().statusCode(404);
    }

    @Test
    void outpostHealthListsTheAppsNobodyCanOpen() {
        api().body(NEXTCLOUD).post("/apps/oidc").then().statusCode(201);
        api().queryParam("refresh", true).get("/outposts/health").then().statusCode(200)
                .body("closedApps.slug", equalTo(List.of("nextcloud")))
                .body("closedApps[0].groups", equalTo(List.of("nextcloud Users")));
        api().body("{\"name\": \"Bob\", \"groups\": [\"nextcloud Users\"]}").put("/users/bob").then().statusCode(201);
        api().queryParam("refresh", true).get("/outposts/health").then().statusCode(200).body("closedApps", equalTo(List.of()));
    }
}
