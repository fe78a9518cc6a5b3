package io.github.authentikprovisioner.admins;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.ApiTestSupport;
import io.github.authentikprovisioner.LogCapture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** PUT /admins/{username}: your own admin, its password set once, and akadmin retired only when that is safe. */
@QuarkusTest
class AdminResourceTest extends ApiTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "alice-password-not-a-secret";
    private static final String OTHER_PASSWORD = "alice-new-password-not-a-secret";
    private static final String BOOTSTRAP_KEY = "emulator-token-not-a-secret-0123456789";
    private static final String ME = "/emulator/api/v3/core/users/me/";

    private static String body(String password, boolean deactivate) {
        return """
                {"name": "Alice Example", "email": "alice@example.com", %s"deactivateAkadmin": %s}"""
                .formatted(password == null ? "" : "\"password\": \"" + password + "\", ", deactivate);
    }

    private static Response put(String body) {
        return api().body(body).put("/admins/alice");
    }

    private JsonNode user(String username) {
        return emulator.list("/core/users/?username=" + username).getFirst();
    }

    @Test
    void createsTheAdminAndAnswersTheGeneratedPasswordOnce() {
        Response r;
        try (LogCapture logs = new LogCapture()) {
            r = put(body(null, false));
            r.then().statusCode(201).body("status", equalTo("created")).body("superuser", equalTo(true))
                    .body("passwordSet", equalTo(true)).body("akadminActive", equalTo(true))
                    .body("changes.collect { it.action + ' ' + it.kind + ' ' + it.name + ' ' + it.fields }",
                            equalTo(List.of("create user alice [name, email, type, is_active]",
                                    "update group authentik Admins [users]", "update user alice [password]",
                                    "update user alice [attributes]")));
            String generated = r.jsonPath().getString("generatedPassword");
            assertThat(generated).hasSizeGreaterThanOrEqualTo(32);
            assertThat(emulator.passwordIs("alice", generated)).isTrue();
            assertThat(logs.lines()).noneMatch(l -> l.contains(generated));
        }
        JsonNode alice = user("alice");
        assertThat(alice.get("type").asText()).isEqualTo("internal");
        assertThat(alice.get("is_active").asBoolean()).isTrue();
        assertThat(alice.get("is_superuser").asBoolean()).isTrue();
        assertThat(alice.get("attributes").get(io.github.authentikprovisioner.recipes.Passwords.SET_HERE).asBoolean()).isTrue();
        assertThat(r.jsonPath().getInt("authentikCalls.writes")).isEqualTo(4).isEqualTo((int) emulator.calls().writes());
        assertThat(r.jsonPath().getInt("authentikCalls.reads")).isEqualTo((int) emulator.calls().reads());

        emulator.calls().clear();
        put(body(null, false)).then().statusCode(200).body("status", equalTo("unchanged"))
                .body("generatedPassword", nullValue()).body("passwordSet", equalTo(false))
                .body("authentikCalls.writes", equalTo(0));
        assertThat(emulator.calls().writes()).isZero();
        assertThat(emulator.passwordIs("alice", r.jsonPath().getString("generatedPassword"))).as("not reset").isTrue();
    }

    @Test
    void aSentPasswordIsSetOnceAndResetOnlyWhenAsked() {
        put(body(PASSWORD, false)).then().statusCode(201).body("generatedPassword", nullValue());
        assertThat(emulator.passwordIs("alice", PASSWORD)).isTrue();

        emulator.calls().clear();
        put(body(OTHER_PASSWORD, false)).then().statusCode(200).body("status", equalTo("unchanged"));
        assertThat(emulator.calls().writes()).isZero();
        assertThat(emulator.passwordIs("alice", PASSWORD)).isTrue();

        emulator.calls().clear();
        api().body(body(OTHER_PASSWORD, false)).queryParam("resetPassword", true).put("/admins/alice").then()
                .statusCode(200).body("status", equalTo("updated")).body("passwordSet", equalTo(true))
                .body("authentikCalls.writes", equalTo(1));
        assertThat(emulator.passwordIs("alice", OTHER_PASSWORD)).isTrue();
    }

    @Test
    void anExistingUserGetsTheSentPasswordOnceButNoGeneratedOne() {
        emulator.create("/core/users/", JSON.createObjectNode().put("username", "alice").put("name", "Alice"));

        put(body(null, false)).then().statusCode(200).body("passwordSet", equalTo(false))
                .body("generatedPassword", nullValue());
        assertThat(emulator.passwordIs("alice", PASSWORD)).isFalse();

        put(body(PASSWORD, false)).then().statusCode(200).body("passwordSet", equalTo(true));
        assertThat(emulator.passwordIs("alice", PASSWORD)).isTrue();
        emulator.calls().clear();
        put(body(PASSWORD, false)).then().statusCode(200).body("status", equalTo("unchanged"));
        assertThat(emulator.calls().writes()).isZero();
    }

    @Test
    void afterTheHandOverAkadminIsRetiredAndItsTokenRefusedWhileTheServiceWorks() {
        handOverToServiceAccount();

        Response r = put(body(PASSWORD, true));
        r.then().statusCode(201).body("akadminActive", equalTo(false))
                .body("changes.find { it.name == 'akadmin' }.fields", equalTo(List.of("is_active")));
        assertThat(user("akadmin").get("is_active").asBoolean()).isFalse();
        given().auth().oauth2(BOOTSTRAP_KEY).get(ME).then().statusCode(403)
                .body("detail", equalTo("Token invalid/expired"));
        given().get("/q/health/ready").then().statusCode(200).body("checks[0].data.user", equalTo("authentik-provisioner"));
        api().body("{\"passwordOnIdentificationPage\": true}").put("/login").then().statusCode(200);

        emulator.calls().clear();
        put(body(PASSWORD, true)).then().statusCode(200).body("status", equalTo("unchanged"))
                .body("akadminActive", equalTo(false));
        assertThat(emulator.calls().writes()).isZero();
    }

    @Test
    void refusedWhileTheServiceStillCallsAuthentikWithAkadminsToken() {
        put(body(PASSWORD, true)).then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("POST /bootstrap/service-account"))
                .body("detail", containsString("nothing was written"));
        assertThat(emulator.calls().writes()).isZero();
        assertThat(emulator.list("/core/users/?username=alice")).isEmpty();
        assertThat(user("akadmin").get("is_active").asBoolean()).isTrue();
    }

    @Test
    void refusedWhenNoActiveSuperuserOtherThanAkadminWouldBeLeft() {
        handOverToServiceAccount();
        api().body(body(PASSWORD, true)).put("/admins/akadmin").then().statusCode(409)
                .body("detail", containsString("no active superuser other than akadmin"));

        JsonNode admins = emulator.list("/core/groups/?name=authentik%20Admins").getFirst();
        emulator.patch("/core/groups/" + admins.get("pk").asText() + "/",
                JSON.createObjectNode().put("is_superuser", false));
        put(body(PASSWORD, true)).then().statusCode(409)
                .body("detail", containsString("no active superuser other than akadmin"));
        assertThat(emulator.calls().writes()).isZero();
        assertThat(emulator.list("/core/users/?username=alice")).isEmpty();
        assertThat(user("akadmin").get("is_active").asBoolean()).isTrue();
    }

    /**
     * authentik/core/models.py: is_superuser goes through all_groups(), the groups with their ancestors, so
     * authentik Admins below a superuser group makes its members superusers though its own flag is off.
     */
    @Test
    void akadminIsRetiredWhenAuthentikAdminsIsASuperuserGroupThroughItsParent() {
        handOverToServiceAccount();
        JsonNode root = emulator.create("/core/groups/", JSON.createObjectNode().put("name", "Root")
                .put("is_superuser", true));
        JsonNode admins = emulator.list("/core/groups/?name=authentik%20Admins").getFirst();
        ObjectNode below = JSON.createObjectNode().put("is_superuser", false);
        below.putArray("parents").add(root.get("pk").asText());
        emulator.patch("/core/groups/" + admins.get("pk").asText() + "/", below);
        emulator.calls().clear();

        put(body(PASSWORD, true)).then().statusCode(201).body("superuser", equalTo(true))
                .body("akadminActive", equalTo(false));
        assertThat(user("alice").get("is_superuser").asBoolean()).isTrue();
        assertThat(user("akadmin").get("is_active").asBoolean()).isFalse();
    }

    @Test
    void refusedForAnAdminWithoutAPasswordThisServiceSet() {
        handOverToServiceAccount();
        ObjectNode alice = JSON.createObjectNode().put("username", "alice").put("name", "Alice");
        alice.putArray("groups").add(emulator.list("/core/groups/?name=authentik%20Admins").getFirst().get("pk").asText());
        emulator.create("/core/users/", alice);

        put(body(null, true)).then().statusCode(409).body("detail", containsString("resetPassword"));
        assertThat(emulator.calls().writes()).isZero();

        api().body(body(null, true)).queryParam("resetPassword", true).put("/admins/alice").then().statusCode(200)
                .body("generatedPassword", org.hamcrest.Matchers.notNullValue()).body("akadminActive", equalTo(false));
    }

    @Test
    void aDryRunPlansEverythingAndWritesNothing() {
        handOverToServiceAccount();
        api().body(body(null, true)).queryParam("dryRun", true).put("/admins/alice").then().statusCode(200)
                .body("status", equalTo("planned")).body("generatedPassword", nullValue())
                .body("akadminActive", equalTo(false))
                .body("changes.collect { it.action + ' ' + it.name + ' ' + it.fields }", equalTo(List.of(
                        "create alice [name, email, type, is_active]", "update authentik Admins [users]",
                        "update alice [password]", "update akadmin [is_active]")));
        assertThat(emulator.calls().writes()).isZero();
        api().body(body(PASSWORD, true)).queryParam("dryRun", true).put("/admins/akadmin").then().statusCode(409);
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        assertBadPut("/admins/alice", "{\"email\": \"alice@example.com\"}", "name");
        assertBadPut("/admins/alice", "{\"name\": \"Alice\", \"password\": \"short\"}", "password");
        assertBadPut("/admins/alice", "{\"name\": \"Alice\", \"password\": \" padded-password-with-space\"}", "password");
        assertBadPut("/admins/alice", "{\"name\": \"Alice\", \"email\": \"not an address\"}", "email");
        assertBadPut("/admins/alice", "{\"name\": \"Alice\", \"username\": \"bob\"}", "username");
        assertBadPut("/admins/al%20ice", "{\"name\": \"Alice\"}", "username");
        assertThat(emulator.calls().all()).isEmpty();
    }

    /**
     * authentik's set_password trims the password with Python's str.strip() (a DRF CharField,
     * authentik/core/api/users.py UserPasswordSetSerializer), which removes a no-break space, and the login's
     * password field does not trim (authentik/stages/password/stage.py): the admin could never log in, and with
     * deactivateAkadmin nobody could.
     */
    @Test
    void aPasswordEndingInUnicodeWhitespaceIsRefusedAndNothingIsWritten() {
        handOverToServiceAccount();
        for (String space : List.of("\\u00a0", "\\u202f", "\\u2007", "\\u0085", "\\u3000", "\\u001f")) {
            api().body("{\"name\": \"Bob\", \"password\": \"bob-password-long" + space
                    + "\", \"deactivateAkadmin\": true}").put("/admins/bob").then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", org.hamcrest.Matchers.hasItem("password"));
        }
        api().body("{\"name\": \"\\u3000Bob\"}").put("/admins/bob").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("name"));
        assertThat(emulator.calls().all()).isEmpty();
        assertThat(emulator.list("/core/users/?username=bob")).isEmpty();
        assertThat(user("akadmin").get("is_active").asBoolean()).isTrue();
    }

    @Test
    void theServiceAccountIsNotAnAdminToMake() {
        api().body(body(PASSWORD, false)).put("/admins/authentik-provisioner").then().statusCode(409)
                .body("detail", containsString("service account"));
        assertThat(emulator.calls().writes()).isZero();
    }
}
