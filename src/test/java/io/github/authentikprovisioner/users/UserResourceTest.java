package io.github.authentikprovisioner.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.ApiTestSupport;
import io.github.authentikprovisioner.recipes.Managed;
import io.quarkus.test.junit.QuarkusTest;

/** People: PUT /users/{username} and what it may and may not change (issue 19). */
@QuarkusTest
class UserResourceTest extends ApiTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NEXTCLOUD = "{\"preset\": \"nextcloud\", \"baseUrl\": \"https://nc.example.com\"}";
    private static final String BOB = """
            {"name": "Bob Example", "email": "bob@example.com", "groups": ["nextcloud Users"],
             "attributes": {"nextcloud_quota": "5 GB"}}""";

    @Test
    void bobIsCreatedInHisGroupWithHisAttributeThenASecondCallWritesNothing() {
        api().body(NEXTCLOUD).post("/apps/oidc").then().statusCode(201);
        api().body(BOB).put("/users/bob").then().statusCode(201).body("status", equalTo("created"))
                .body("groups", equalTo(List.of("nextcloud Users"))).body("passwordSet", equalTo(false))
                .body("warnings[0]", containsString("has no password yet"));
        JsonNode bob = user("bob");
        assertThat(bob.get("attributes").get("nextcloud_quota").asText()).isEqualTo("5 GB");
        assertThat(bob.get("attributes").get(Managed.PERSON).asBoolean()).isTrue();
        assertThat(usernames(group("nextcloud Users"))).containsExactly("bob");

        // an attribute set elsewhere (the app, a person) is kept
        ObjectNode attributes = ((ObjectNode) bob.get("attributes")).deepCopy().put("nextcloud_user_id", "bob-1");
        emulator.patch("/core/users/" + bob.get("pk").asText() + "/",
                JSON.createObjectNode().set("attributes", attributes));
        emulator.calls().clear();
        api().body(BOB).put("/users/bob").then().statusCode(200).body("status", equalTo("unchanged"))
                .body("authentikCalls.writes", equalTo(0)).body("authentikCalls.reads", equalTo(2));
        assertThat(emulator.calls().writes()).isZero();
        assertThat(user("bob").get("attributes").get("nextcloud_user_id").asText()).isEqualTo("bob-1");
    }

    /**
     * Found by the hostile-input suite: an empty email reached authentik and came back as 502 from the emulator,
     * though authentik keeps Django's blank EmailField and takes "" as "no address".
     */
    @Test
    void anEmptyEmailRemovesTheAddressThenASecondCallWritesNothing() {
        api().body(NEXTCLOUD).post("/apps/oidc").then().statusCode(201);
        api().body(BOB).put("/users/bob").then().statusCode(201);
        String without = BOB.replace("bob@example.com", "");
        api().body(without).put("/users/bob").then().statusCode(200).body("status", equalTo("updated"));
        assertThat(user("bob").get("email").asText()).isEmpty();
        emulator.calls().clear();
        api().body(without).put("/users/bob").then().statusCode(200).body("status", equalTo("unchanged"));
        assertThat(emulator.calls().writes()).isZero();
    }

    @Test
    void aPasswordIsSetOnceAndNeverEchoed() {
        api().body(NEXTCLOUD).post("/apps/oidc").then().statusCode(201);
        String withPassword = BOB.replace("\"name\"", "\"password\": \"correct horse battery\", \"name\"");
        String answer = api().body(withPassword).put("/users/bob").then().statusCode(201)
                .body("passwordSet", equalTo(true)).extract().asString();
        assertThat(answer).doesNotContain("correct horse battery");
        emulator.calls().clear();
        api().body(withPassword).put("/users/bob").then().statusCode(200).body("passwordSet", equalTo(false));
        assertThat(emulator.calls().writes()).isZero();
        api().body(withPassword).queryParam("resetPassword", true).put("/users/bob").then().statusCode(200)
                .body("passwordSet", equalTo(true));
    }

    @Test
    void exclusiveLeavesTheOtherManagedGroupsButNeitherAdminsNorAGroupMadeByHand() {
        api().body(NEXTCLOUD).post("/apps/oidc").then().statusCode(201);
        emulator.create("/core/groups/", JSON.createObjectNode().put("name", "Family"));
        api().body(BOB.replace("[\"nextcloud Users\"]", "[\"nextcloud Users\", \"nextcloud Admins\", \"Family\"]"))
                .put("/users/bob").then().statusCode(201);
        addToAdmins("bob");

        api().body(BOB.replace("\"groups\"", "\"exclusive\": true, \"groups\"")).put("/users/bob").then()
                .statusCode(200).body("groups", equalTo(List.of("Family", "authentik Admins", "nextcloud Users")))
                .body("changes.find { it.name == 'nextcloud Admins' }.action", equalTo("update"));
        assertThat(usernames(group("nextcloud Admins"))).doesNotContain("bob");
        assertThat(usernames(group("authentik Admins"))).contains("bob");

        // named in leave, authentik Admins is left too: akadmin stays a superuser
        api().body(BOB.replace("\"groups\"", "\"leave\": [\"authentik Admins\"], \"groups\"")).put("/users/bob")
                .then().statusCode(200).body("groups", equalTo(List.of("Family", "nextcloud Users")));
        assertThat(usernames(group("authentik Admins"))).doesNotContain("bob");
    }

    @Test
    void theLastActiveSuperuserAndTheServicesOwnAccountAreRefusedWithNothingWritten() {
        addToAdmins(createBob());
        // akadmin, whose token the service uses, deactivated by hand would lock the service out: bob is the other one
        emulator.calls().clear();
        api().body("{\"name\": \"akadmin\", \"active\": false}").put("/users/akadmin").then().statusCode(409)
                .body("detail", containsString("the account this service calls authentik with"));
        api().body("{\"name\": \"x\"}").put("/users/" + Managed.SERVICE_ACCOUNT).then().statusCode(409);
        assertThat(emulator.calls().writes()).isZero();

        api().post("/bootstrap/service-account").then().statusCode(201);
        emulator.patch("/core/users/" + user("akadmin").get("pk").asText() + "/",
                JSON.createObjectNode().put("is_active", false));
        emulator.calls().clear();
        api().body("{\"name\": \"Bob\", \"leave\": [\"authentik Admins\"]}").put("/users/bob").then().statusCode(409)
                .body("detail", containsString("last active superuser"));
        api().delete("/users/bob").then().statusCode(409).body("detail", containsString("last active superuser"));
        assertThat(emulator.calls().writes()).isZero();
    }

    @Test
    void deleteDeactivatesByDefaultAndDeletesWhenAskedOnlyPeopleMadeHere() {
        api().body(NEXTCLOUD).post("/apps/oidc").then().statusCode(201);
        api().body(BOB).put("/users/bob").then().statusCode(201);
        user("carol", "internal", false);

        api().delete("/users/carol").then().statusCode(409).body("detail", containsString(Managed.PERSON));
        api().delete("/users/nobody").then().statusCode(404);
        api().delete("/users/bob").then().statusCode(200).body("status", equalTo("updated"))
                .body("active", equalTo(false));
        assertThat(user("bob").get("is_active").asBoolean()).isFalse();
        api().get("/users").then().statusCode(200).body("username", equalTo(List.of("bob")))
                .body("[0].active", equalTo(false));
        api().queryParam("delete", true).delete("/users/bob").then().statusCode(200)
                .body("status", equalTo("deleted"));
        assertThat(emulator.list("/core/users/?username=bob")).isEmpty();
    }

    @Test
    void badInputIsA400NamingTheFieldAndWritesNothing() {
        api().body(NEXTCLOUD).post("/apps/oidc").then().statusCode(201);
        emulator.calls().clear();
        assertBadPut("/users/bob", BOB.replace("nextcloud Users", "No Such Group"), "groups[0]");
        assertBadPut("/users/bob", BOB.replace("nextcloud Users", "authentik Admins"), "groups[0]");
        assertBadPut("/users/bob", BOB.replace("{\"nextcloud_quota\": \"5 GB\"}", "[\"5 GB\"]"), "attributes");
        assertBadPut("/users/bob", BOB.replace("nextcloud_quota", "authentik-provisioner/managed"),
                "attributes[authentik-provisioner/managed]");
        assertBadPut("/users/bob", BOB.replace("\"name\"", "\"username\": \"alice\", \"name\""), "username");
        api().body(BOB).put("/users/bo%00b").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("username"));
        assertThat(emulator.calls().writes()).isZero();
    }

    @Test
    void aDesiredStateEntryIsTheSameCall() {
        String document = """
                - oidc: {preset: nextcloud, baseUrl: "https://nc.example.com"}
                - user: {username: bob, name: Bob Example, groups: ["nextcloud Users"]}
                """;
        // planned on a fresh install: the group bob joins is one the entry before plans to create
        yaml(document).queryParam("dryRun", true).post("/desired-state").then().statusCode(200)
                .body("status", equalTo("planned"))
                .body("entries[1].changes.find { it.kind == 'group' }.action", equalTo("update"));
        yaml(document).post("/desired-state").then().statusCode(201).body("entries[1].status", equalTo("created"));
        yaml(document).post("/desired-state").then().statusCode(200).body("status", equalTo("unchanged"))
                .body("entries[0].warnings", equalTo(List.of()));
        assertThat(usernames(group("nextcloud Users"))).containsExactly("bob");
    }

    private String createBob() {
        api().body("{\"name\": \"Bob\"}").put("/users/bob").then().statusCode(201);
        return "bob";
    }

    private void addToAdmins(String username) {
        JsonNode admins = group("authentik Admins");
        ObjectNode body = JSON.createObjectNode();
        var users = body.putArray("users");
        admins.get("users").forEach(users::add);
        users.add(user(username).get("pk").asInt());
        emulator.patch("/core/groups/" + admins.get("pk").asText() + "/", body);
    }

    private JsonNode user(String username) {
        return emulator.list("/core/users/?username=" + username).getFirst();
    }

    private JsonNode group(String name) {
        return emulator.list("/core/groups/?name=" + name.replace(" ", "%20")).getFirst();
    }

    private static io.restassured.specification.RequestSpecification yaml(String document) {
        return api().contentType("application/yaml").body(document.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
