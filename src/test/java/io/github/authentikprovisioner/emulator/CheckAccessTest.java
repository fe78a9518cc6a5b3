package io.github.authentikprovisioner.emulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.ApiTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * {@code GET /core/applications/{slug}/check_access/} and the policy engine behind it, as authentik 2026.2.2 has them:
 * authentik/core/api/applications.py ({@code check_access}), authentik/policies/engine.py
 * ({@code compute_static_bindings}, {@code result}) and authentik/core/models.py ({@code all_groups()}).
 */
@QuarkusTest
class CheckAccessTest extends ApiTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOOTSTRAP_KEY = "emulator-token-not-a-secret-0123456789";
    private static final String BOB_KEY = "bobs-key-not-a-secret-0123456789";
    private static final String API = "/emulator/api/v3";

    private static RequestSpecification as(String key) {
        return given().auth().oauth2(key).contentType(ContentType.JSON);
    }

    @Test
    void anApplicationWithoutBindingsPassesEveryone() {
        app("open", "any");
        int bob = user("bob");
        JsonNode result = check("open", bob);
        assertThat(result.get("passing").asBoolean()).isTrue();
        assertThat(result.get("messages")).isEmpty();
        assertThat(result.get("log_messages")).isEmpty();
    }

    @Test
    void aGroupBindingPassesItsMembersAndTheMembersOfItsChildGroups() {
        String app = app("gated", "any");
        String staff = group("Staff", null);
        String interns = group("Interns", staff);
        bind(app, "group", staff, 0);
        assertThat(passing("gated", user("member", staff))).isTrue();
        assertThat(passing("gated", user("intern", interns))).as("all_groups(): groups with their ancestors").isTrue();
        assertThat(passing("gated", user("outsider"))).isFalse();
        assertThat(passing("gated", user("other", group("Other", null)))).isFalse();
    }

    @Test
    void aUserBindingPassesThatUserOnly() {
        String app = app("personal", "any");
        int bob = user("bob");
        bind(app, "user", bob, 0);
        assertThat(passing("personal", bob)).isTrue();
        assertThat(passing("personal", user("carol"))).isFalse();
    }

    @Test
    void negateInvertsAGroupAndAUserBinding() {
        String staff = group("Staff", null);
        int member = user("member", staff);
        int outsider = user("outsider");
        bind(app("not-staff", "any"), "group", staff, 0);
        negate("not-staff");
        assertThat(passing("not-staff", member)).isFalse();
        assertThat(passing("not-staff", outsider)).isTrue();

        bind(app("not-outsider", "any"), "user", outsider, 0);
        negate("not-outsider");
        assertThat(passing("not-outsider", outsider)).isFalse();
        assertThat(passing("not-outsider", member)).isTrue();
    }

    @Test
    void modeAnyNeedsOneBindingAndModeAllEvery() {
        String staff = group("Staff", null);
        String ops = group("Ops", null);
        int staffOnly = user("staff-only", staff);
        ObjectNode both = JSON.createObjectNode().put("username", "both").put("name", "both");
        both.putArray("groups").add(staff).add(ops);
        int inBoth = emulator.create("/core/users/", both).get("pk").asInt();
        for (String mode : new String[] { "any", "all" }) {
            String app = app("mode-" + mode, mode);
            bind(app, "group", staff, 0);
            bind(app, "group", ops, 1);
        }
        assertThat(passing("mode-any", staffOnly)).isTrue();
        assertThat(passing("mode-all", staffOnly)).isFalse();
        assertThat(passing("mode-all", inBoth)).isTrue();
        assertThat(passing("mode-any", user("nobody"))).isFalse();
    }

    @Test
    void aDisabledBindingIsIgnoredSoOnlyDisabledBindingsPassEveryone() {
        String app = app("paused", "any");
        String staff = group("Staff", null);
        String binding = bind(app, "group", staff, 0).get("pk").asText();
        emulator.patch("/policies/bindings/" + binding + "/", JSON.createObjectNode().put("target", app)
                .put("group", staff).put("enabled", false));
        assertThat(passing("paused", user("outsider"))).isTrue();
    }

    @Test
    void anInactiveUserIsEvaluatedLikeAnyOther() {
        String staff = group("Staff", null);
        bind(app("gated", "any"), "group", staff, 0);
        int member = user("member", staff);
        emulator.patch("/core/users/" + member + "/", JSON.createObjectNode().put("is_active", false));
        assertThat(passing("gated", member)).as("neither the engine nor check_access looks at is_active").isTrue();
    }

    @Test
    void anUnknownSlugIs404AndForUserMustBeAKnownNumber() {
        as(BOOTSTRAP_KEY).get(API + "/core/applications/nope/check_access/").then().statusCode(404)
                .body("detail", equalTo("No Application matches the given query."));
        app("open", "any");
        as(BOOTSTRAP_KEY).get(API + "/core/applications/open/check_access/?for_user=99999").then().statusCode(400)
                .body("for_user", equalTo("User not found"));
        // a non-numeric value breaks the schema's integer, so it is sent without the emulator's request check
        Reply text = emulator.direct("GET", "/core/applications/open/check_access/?for_user=bob", null);
        assertThat(text.status()).isEqualTo(400);
        assertThat(text.body().toString()).isEqualTo("{\"for_user\":\"for_user must be numerical\"}");
        Reply empty = emulator.direct("GET", "/core/applications/open/check_access/?for_user=", null);
        assertThat(empty.body().toString()).isEqualTo("{\"for_user\":\"for_user must be numerical\"}");
        Reply huge = emulator.direct("GET", "/core/applications/open/check_access/?for_user=99999999999999999999",
                null);
        assertThat(huge.body().toString()).isEqualTo("{\"for_user\":\"User not found\"}");
    }

    @Test
    void forUserIsReadAsPythonsIntReadsIt() {
        assertThat(ApplicationRules.pythonInt(" +7\n")).contains(BigInteger.valueOf(7));
        assertThat(ApplicationRules.pythonInt("1_0")).contains(BigInteger.TEN);
        assertThat(ApplicationRules.pythonInt("-3")).contains(BigInteger.valueOf(-3));
        assertThat(ApplicationRules.pythonInt("\u0661\u0662")).as("Arabic-Indic digits").contains(BigInteger.valueOf(12));
        for (String bad : new String[] { "", "+", "1__0", "_1", "1_", "1.0", "0x1", "- 1", "1e3" }) {
            assertThat(ApplicationRules.pythonInt(bad)).as(bad).isEmpty();
        }
    }

    @Test
    void aCallerWhoIsNotASuperuserIsCheckedItselfWhateverForUserSays() {
        String staff = group("Staff", null);
        bind(app("gated", "any"), "group", staff, 0);
        int member = user("member", staff);
        int bob = user("bob");
        giveKey(bob);
        as(BOB_KEY).get(API + "/core/applications/gated/check_access/?for_user=" + member).then().statusCode(200)
                .body("passing", equalTo(false)).body("messages", empty()).body("log_messages", empty());
        as(BOOTSTRAP_KEY).get(API + "/core/applications/gated/check_access/?for_user=" + member).then()
                .statusCode(200).body("passing", equalTo(true));
        as(BOB_KEY).get(API + "/core/applications/nope/check_access/").then().statusCode(404);
        assertThat(emulator.calls().count("GET", "/core/applications/gated/check_access/")).isEqualTo(2);
        assertThat(emulator.calls().writes()).as("check_access is a read").isZero();
    }

    @Test
    void theApplicationListShowsWhatTheEngineLetsThrough() {
        String staff = group("Staff", null);
        int bob = user("bob");
        giveKey(bob);
        app("open", "any");
        bind(app("bobs", "any"), "user", bob, 0);
        bind(app("staff", "any"), "group", staff, 0);
        bind(app("not-staff", "any"), "group", staff, 0);
        negate("not-staff");
        JsonNode listed = as(BOB_KEY).get(API + "/core/applications/").then().statusCode(200).extract()
                .as(JsonNode.class);
        assertThat(listed.get("results").findValuesAsText("slug")).containsExactlyInAnyOrder("open", "bobs",
                "not-staff");
    }

    @Test
    void aPolicyTheStaticBindingsDoNotOutweighIsReportedAsNotEmulated() {
        String staff = group("Staff", null);
        int member = user("member", staff);
        giveKey(member);
        String app = app("mixed", "any");
        bind(app, "group", staff, 0);
        String policy = emulator.create("/policies/expression/", JSON.createObjectNode().put("name", "deny-all")
                .put("expression", "return False")).get("pk").asText();
        bind(app, "policy", policy, 1);

        // mode any with a passing group binding: passing whatever the policy says, and a non-superuser sees no more
        as(memberKey()).get(API + "/core/applications/mixed/check_access/").then().statusCode(200)
                .body("passing", equalTo(true));
        assertThat(emulator.violations()).isEmpty();

        // a superuser is answered the policy's messages too, and an outsider's result hangs on the policy
        Reply superuser = emulator.direct("GET", "/core/applications/mixed/check_access/?for_user=" + member, null);
        assertThat(superuser.status()).isEqualTo(500);
        assertThat(emulator.violations()).singleElement().asString()
                .contains("does not emulate running policies").contains("'deny-all'").contains("mixed");
        emulator.reset(); // the violation was the point: cleared so the test's own check passes
    }

    @Test
    void aPolicyDecidingTheOutcomeIsReportedAsNotEmulated() {
        int bob = user("bob");
        giveKey(bob);
        String app = app("policed", "all");
        String policy = emulator.create("/policies/expression/", JSON.createObjectNode().put("name", "allow-all")
                .put("expression", "return True")).get("pk").asText();
        bind(app, "policy", policy, 0);
        as(BOB_KEY).get(API + "/core/applications/policed/check_access/").then().statusCode(500);
        assertThat(emulator.violations()).singleElement().asString().contains("'allow-all'");
        emulator.reset();
    }

    private String memberKey() {
        return "member-key-not-a-secret-0123456789";
    }

    /** A token for the user with the key {@link #BOB_KEY} for bob, {@link #memberKey()} for anyone else. */
    private void giveKey(int user) {
        String username = emulator.get("/core/users/" + user + "/").get("username").asText();
        String identifier = "for-" + username;
        emulator.create("/core/tokens/", JSON.createObjectNode().put("identifier", identifier).put("expiring", false)
                .put("user", user));
        emulator.direct("POST", "/core/tokens/" + identifier + "/set_key/",
                JSON.createObjectNode().put("key", username.equals("bob") ? BOB_KEY : memberKey()));
    }

    private boolean passing(String slug, int user) {
        return check(slug, user).get("passing").asBoolean();
    }

    /** check_access as akadmin, a superuser, for {@code user}. */
    private JsonNode check(String slug, int user) {
        return as(BOOTSTRAP_KEY).get(API + "/core/applications/" + slug + "/check_access/?for_user=" + user).then()
                .statusCode(200).extract().as(JsonNode.class);
    }

    private String app(String slug, String mode) {
        return emulator.create("/core/applications/", JSON.createObjectNode().put("name", slug).put("slug", slug)
                .put("policy_engine_mode", mode)).get("pk").asText();
    }

    private String group(String name, String parent) {
        ObjectNode body = JSON.createObjectNode().put("name", name);
        if (parent != null) {
            body.putArray("parents").add(parent);
        }
        return emulator.create("/core/groups/", body).get("pk").asText();
    }

    private int user(String username, String... groups) {
        ObjectNode body = JSON.createObjectNode().put("username", username).put("name", username);
        var array = body.putArray("groups");
        for (String g : groups) {
            array.add(g);
        }
        return emulator.create("/core/users/", body).get("pk").asInt();
    }

    private ObjectNode bind(String target, String kind, Object to, int order) {
        ObjectNode body = JSON.createObjectNode().put("target", target).put("order", order);
        if (to instanceof Integer pk) {
            body.put(kind, pk);
        } else {
            body.put(kind, to.toString());
        }
        return (ObjectNode) emulator.create("/policies/bindings/", body);
    }

    /** Negates the one binding of the application {@code slug}. */
    private void negate(String slug) {
        String app = emulator.get("/core/applications/" + slug + "/").get("pk").asText();
        JsonNode binding = emulator.list("/policies/bindings/?target=" + app).getFirst();
        ObjectNode patch = JSON.createObjectNode().put("target", app).put("negate", true);
        patch.set(binding.get("group").isNull() ? "user" : "group", binding.get(binding.get("group").isNull()
                ? "user" : "group"));
        emulator.patch("/policies/bindings/" + binding.get("pk").asText() + "/", patch);
    }
}
