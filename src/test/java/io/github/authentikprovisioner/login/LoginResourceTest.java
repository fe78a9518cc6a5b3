package io.github.authentikprovisioner.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.ApiTestSupport;
import io.github.authentikprovisioner.SecurityState;
import io.github.authentikprovisioner.emulator.CallLog;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class LoginResourceTest extends ApiTestSupport {

    private static final String ONE_PAGE = "{\"passwordOnIdentificationPage\": true, \"rememberMe\": false}";

    @Test
    void onePageLoginMovesThePasswordStageOntoTheIdentificationPage() {
        Response r = api().body(ONE_PAGE).put("/login");
        r.then().statusCode(200).body("status", equalTo("updated"))
                .body("changes.find { it.kind == 'identification-stage' }.fields", equalTo(List.of("password_stage")))
                .body("changes.find { it.kind == 'flow-stage-binding' }.action", equalTo("delete"))
                .body("bindings[0].flow", equalTo("default-authentication-flow"))
                .body("bindings[0].stage", equalTo("default-authentication-password"))
                .body("bindings[0].bound", equalTo(false));
        JsonNode identification = identification();
        assertThat(identification.get("password_stage").asText()).isEqualTo(passwordStage().get("pk").asText());
        assertThat(identification.get("user_fields").toString()).as("kept").contains("email", "username");
        assertThat(new SecurityState(emulator).bindings("default-authentication-flow")).containsExactly(
                "10 default-authentication-identification", "30 default-authentication-mfa-validation",
                "100 default-authentication-login");

        List<CallLog.Call> writes = emulator.calls().writeCalls();
        assertThat(writes).extracting(CallLog.Call::method).containsExactly("PATCH", "DELETE");
        assertThat(r.jsonPath().getInt("authentikCalls.writes")).isEqualTo(2);
        assertThat(r.jsonPath().getInt("authentikCalls.reads")).isEqualTo((int) emulator.calls().reads());
    }

    @Test
    void sameCallAgainWritesNothing() {
        api().body(ONE_PAGE).put("/login").then().statusCode(200);
        emulator.calls().clear();
        api().body(ONE_PAGE).put("/login").then().statusCode(200).body("status", equalTo("unchanged"))
                .body("authentikCalls.writes", equalTo(0));
        assertThat(emulator.calls().writes()).isZero();
    }

    @Test
    void rememberMeIsOfferedWhenAsked() {
        api().body("{\"rememberMe\": true}").put("/login").then().statusCode(200)
                .body("passwordOnIdentificationPage", equalTo(true)).body("rememberMe", equalTo(true));
        assertThat(identification().get("enable_remember_me").asBoolean()).isTrue();
    }

    @Test
    void twoPageLoginRestoresTheBindingAtOrder20WithItsFreshInstallPolicy() {
        JsonNode freshPolicyBinding = passwordStagePolicyBinding();
        api().body(ONE_PAGE).put("/login").then().statusCode(200);
        api().body("{\"passwordOnIdentificationPage\": false}").put("/login").then().statusCode(201)
                .body("status", equalTo("created"))
                .body("bindings[0].order", equalTo(20)).body("bindings[0].bound", equalTo(true));
        assertThat(identification().get("password_stage").isNull()).isTrue();
        assertThat(new SecurityState(emulator).bindings("default-authentication-flow")).containsExactly(
                "10 default-authentication-identification", "20 default-authentication-password",
                "30 default-authentication-mfa-validation", "100 default-authentication-login");
        JsonNode restored = passwordStagePolicyBinding();
        assertThat(restored.get("order").asInt()).isEqualTo(freshPolicyBinding.get("order").asInt());
        assertThat(restored.get("failure_result").asBoolean()).isEqualTo(freshPolicyBinding.get("failure_result").asBoolean());
        emulator.calls().clear();
        api().body("{\"passwordOnIdentificationPage\": false}").put("/login").then().statusCode(200)
                .body("status", equalTo("unchanged"));
        assertThat(emulator.calls().writes()).isZero();
    }

    /**
     * On a real authentik a policy binding on a flow-stage binding answers {@code target} as the flow-stage binding's
     * own pk while {@code ?target=} filters by its policy-binding-model pk (authentik/policies/api/bindings.py): each
     * layout, asked twice, converges and the second call writes nothing.
     */
    @Test
    void falseThenTrueThenFalseConvergesAndEverySecondCallWritesNothing() {
        for (boolean onePage : List.of(false, true, false)) {
            String body = "{\"passwordOnIdentificationPage\": " + onePage + "}";
            api().body(body).put("/login").then().statusCode(anyOf(equalTo(200), equalTo(201)));
            emulator.calls().clear();
            api().body(body).put("/login").then().statusCode(200).body("status", equalTo("unchanged"))
                    .body("authentikCalls.writes", equalTo(0));
            assertThat(emulator.calls().writes()).as("second call with " + body).isZero();
        }
        assertThat(emulator.list("/policies/bindings/?target=" + passwordBinding().get("policybindingmodel_ptr_id")
                .asText())).as("the fresh-install policy binding, once").hasSize(1);
    }

    /** A PATCH of a policy binding without target and policy is a 500 upstream (policies/api/bindings.py validate()). */
    @Test
    void aPolicyBindingChangedByHandIsRepairedWithOnePatchCarryingTargetAndPolicy() {
        api().body("{\"passwordOnIdentificationPage\": false}").put("/login").then().statusCode(200);
        JsonNode binding = passwordStagePolicyBinding();
        emulator.patch("/policies/bindings/" + binding.get("pk").asText() + "/", ((ObjectNode) binding.deepCopy())
                .retain("target", "policy").put("failure_result", !binding.get("failure_result").asBoolean()));
        emulator.calls().clear();

        api().body("{\"passwordOnIdentificationPage\": false}").put("/login").then().statusCode(200)
                .body("status", equalTo("updated")).body("authentikCalls.writes", equalTo(1));
        assertThat(emulator.calls().writeCalls()).singleElement().satisfies(c -> assertThat(c.method()).isEqualTo("PATCH"));
        assertThat(passwordStagePolicyBinding().get("failure_result")).isEqualTo(binding.get("failure_result"));
    }

    private JsonNode passwordBinding() {
        String flow = emulator.get("/flows/instances/default-authentication-flow/").get("pk").asText();
        String stage = emulator.list("/stages/password/?name=default-authentication-password").getFirst().get("pk").asText();
        return emulator.list("/flows/bindings/?target=" + flow + "&stage=" + stage).getFirst();
    }

    /** The policy binding on the password stage's binding in default-authentication-flow. */
    private JsonNode passwordStagePolicyBinding() {
        String flow = emulator.get("/flows/instances/default-authentication-flow/").get("pk").asText();
        String stage = emulator.list("/stages/password/?name=default-authentication-password").getFirst().get("pk").asText();
        JsonNode binding = emulator.list("/flows/bindings/?target=" + flow + "&stage=" + stage).getFirst();
        String policy = emulator.list("/policies/expression/?name=default-authentication-flow-password-stage").getFirst()
                .get("pk").asText();
        return emulator.list("/policies/bindings/?target=" + binding.get("policybindingmodel_ptr_id").asText()).stream()
                .filter(b -> policy.equals(b.path("policy").asText())).findFirst().orElseThrow();
    }

    @Test
    void dryRunPlansWithoutWriting() {
        api().body(ONE_PAGE).queryParam("dryRun", true).put("/login").then().statusCode(200)
                .body("status", equalTo("planned"))
                .body("changes.action", equalTo(List.of("update", "delete")));
        assertThat(emulator.calls().writes()).isZero();
        assertThat(identification().get("password_stage").isNull()).isTrue();
    }

    @Test
    void missingDefaultIdentificationStageIsAConflictNamingIt() {
        emulator.direct("DELETE", "/stages/identification/" + identification().get("pk").asText() + "/", null);
        api().body(ONE_PAGE).put("/login").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("default-authentication-identification"));
        assertThat(emulator.calls().writes()).isZero();
    }

    @Test
    void missingDefaultFlowIsAConflictNamingIt() {
        emulator.direct("DELETE", "/flows/instances/default-authentication-flow/", null);
        api().body(ONE_PAGE).put("/login").then().statusCode(409)
                .body("detail", containsString("default-authentication-flow"));
    }

    @Test
    void badInputIsRejectedWithoutCallingAuthentik() {
        api().body("{\"rememberMe\": \"sometimes\"}").put("/login").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("rememberMe"));
        api().body("{\"passwordOnIdentificationPag\": true}").put("/login").then().statusCode(400)
                .body("errors.field", hasItem("passwordOnIdentificationPag"));
        assertThat(emulator.calls().all()).isEmpty();
    }

    private JsonNode identification() {
        return emulator.list("/stages/identification/?name=default-authentication-identification").getFirst();
    }

    private JsonNode passwordStage() {
        return emulator.list("/stages/password/?name=default-authentication-password").getFirst();
    }
}
