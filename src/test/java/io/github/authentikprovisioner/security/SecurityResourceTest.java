package io.github.authentikprovisioner.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.authentikprovisioner.ApiTestSupport;
import io.github.authentikprovisioner.SecurityState;
import io.github.authentikprovisioner.emulator.CallLog;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class SecurityResourceTest extends ApiTestSupport {

    private static final String POLICY = """
            {"name": "password-complexity", "minLength": 12, "minUppercase": 1, "minLowercase": 1, "minDigits": 1,
             "minSymbols": 1}""";

    // ---- password policy ------------------------------------------------------------------------------------

    @Test
    void passwordPolicyIsCreatedAndMadeTheOnlyValidationPolicyOfBothPrompts() {
        api().body(POLICY).put("/security/password-policy").then().statusCode(201)
                .body("status", equalTo("created")).body("policyPk", notNullValue())
                .body("errorMessage", equalTo("Please enter a minimum of 12 characters with at least 1 uppercase, "
                        + "1 lowercase, 1 digit and 1 symbol character."))
                .body("promptStages", equalTo(List.of("default-source-enrollment-prompt",
                        "default-password-change-prompt")));
        JsonNode policy = emulator.list("/policies/password/?name=password-complexity").getFirst();
        assertThat(policy.get("length_min").asInt()).isEqualTo(12);
        assertThat(policy.get("amount_symbols").asInt()).isEqualTo(1);
        assertThat(policy.get("check_static_rules").asBoolean()).isTrue();
        for (String prompt : List.of("default-source-enrollment-prompt", "default-password-change-prompt")) {
            JsonNode stage = emulator.list("/stages/prompt/stages/?name=" + prompt).getFirst();
            assertThat(stage.get("validation_policies")).as(prompt).hasSize(1);
            assertThat(stage.get("validation_policies").get(0).asText()).isEqualTo(policy.get("pk").asText());
        }
        assertThat(emulator.calls().writeCalls()).extracting(c -> c.method() + " " + c.path()).containsExactly(
                "POST /policies/password/", "PATCH " + promptPath("default-source-enrollment-prompt"),
                "PATCH " + promptPath("default-password-change-prompt"));

        emulator.calls().clear();
        api().body(POLICY).put("/security/password-policy").then().statusCode(200)
                .body("status", equalTo("unchanged")).body("authentikCalls.writes", equalTo(0));
        assertThat(emulator.calls().writes()).isZero();
    }

    @Test
    void changedRuleIsOnePatchOfThePolicy() {
        api().body(POLICY).put("/security/password-policy").then().statusCode(201);
        emulator.calls().clear();
        api().body(POLICY.replace("\"minLength\": 12", "\"minLength\": 16")).put("/security/password-policy").then()
                .statusCode(200).body("status", equalTo("updated"))
                .body("changes.find { it.kind == 'password-policy' }.fields",
                        equalTo(List.of("length_min", "error_message")));
        assertThat(emulator.calls().writeCalls()).extracting(CallLog.Call::method).containsExactly("PATCH");
    }

    @Test
    void passwordPolicyDryRunWritesNothing() {
        api().body(POLICY).queryParam("dryRun", true).put("/security/password-policy").then().statusCode(200)
                .body("status", equalTo("planned")).body("changes.action", equalTo(List.of("create", "update",
                        "update")));
        assertThat(emulator.calls().writes()).isZero();
        assertThat(emulator.list("/policies/password/?name=password-complexity")).isEmpty();
    }

    @Test
    void passwordPolicyWithoutTheDefaultPromptIsAConflictNamingIt() {
        deleteByName("/stages/prompt/stages/", "default-password-change-prompt");
        api().body(POLICY).put("/security/password-policy").then().statusCode(409)
                .body("detail", containsString("default-password-change-prompt"));
        assertThat(emulator.calls().writes()).isZero();
    }

    // ---- MFA ------------------------------------------------------------------------------------------------

    @Test
    void enforcedTotpConfiguresValidationAndTheSeedsEnrollmentTable() {
        api().body("{\"deviceClasses\": [\"totp\"], \"enforce\": true}").put("/security/mfa").then().statusCode(201)
                .body("notConfiguredAction", equalTo("configure"))
                .body("configurationStages", equalTo(List.of("default-authenticator-totp-setup")))
                .body("deviceClasses", equalTo(List.of("totp")))
                .body("bindings.order", equalTo(List.of(0, 1, 2, 3)));
        JsonNode stage = emulator.list("/stages/authenticator/validate/?name=default-authentication-mfa-validation")
                .getFirst();
        JsonNode totp = emulator.list("/stages/authenticator/totp/?name=default-authenticator-totp-setup").getFirst();
        assertThat(stage.get("device_classes").toString()).isEqualTo("[\"totp\"]");
        assertThat(stage.get("not_configured_action").asText()).isEqualTo("configure");
        assertThat(stage.get("configuration_stages").toString()).isEqualTo("[\"" + totp.get("pk").asText() + "\"]");
        assertThat(new SecurityState(emulator).bindings("default-source-enrollment")).containsExactly(
                "0 default-source-enrollment-prompt", "1 default-source-enrollment-write",
                "2 default-authentication-mfa-validation", "3 default-source-enrollment-login");
        assertThat(emulator.calls().writeCalls()).extracting(c -> c.method() + " " + c.path().split("/")[1])
                .containsExactly("PATCH stages", "POST flows", "PATCH flows");

        emulator.calls().clear();
        api().body("{\"deviceClasses\": [\"totp\"], \"enforce\": true}").put("/security/mfa").then().statusCode(200)
                .body("status", equalTo("unchanged"));
        assertThat(emulator.calls().writes()).isZero();
    }

    @Test
    void notEnforcedSkipsAndUnbindsFromEnrollment() {
        api().body("{}").put("/security/mfa").then().statusCode(201);
        api().body("{\"deviceClasses\": [\"totp\", \"webauthn\"], \"enforce\": false}").put("/security/mfa").then()
                .statusCode(200).body("notConfiguredAction", equalTo("skip"))
                .body("configurationStages", equalTo(List.of()));
        JsonNode stage = emulator.list("/stages/authenticator/validate/?name=default-authentication-mfa-validation")
                .getFirst();
        assertThat(stage.get("not_configured_action").asText()).isEqualTo("skip");
        assertThat(new SecurityState(emulator).bindings("default-source-enrollment")).containsExactly(
                "0 default-source-enrollment-prompt", "1 default-source-enrollment-write",
                "2 default-source-enrollment-login");
    }

    @Test
    void mfaWithoutTheDefaultValidationStageIsAConflictNamingIt() {
        deleteByName("/stages/authenticator/validate/", "default-authentication-mfa-validation");
        api().body("{}").put("/security/mfa").then().statusCode(409)
                .body("detail", containsString("default-authentication-mfa-validation"));
        assertThat(emulator.calls().writes()).isZero();
    }

    @Test
    void mfaDryRunWritesNothing() {
        api().body("{}").queryParam("dryRun", true).put("/security/mfa").then().statusCode(200)
                .body("status", equalTo("planned"));
        assertThat(emulator.calls().writes()).isZero();
    }

    // ---- recovery -------------------------------------------------------------------------------------------

    @Test
    void recoveryFlowIsBuiltAndOfferedOnLoginAndBrand() {
        Response r = api().body("{\"emailSubject\": \"authentik password recovery\"}").put("/security/recovery");
        r.then().statusCode(201).body("flowSlug", equalTo("recovery"))
                .body("recoveryUrl", equalTo("https://auth.example.com/if/flow/recovery/"));
        JsonNode flow = emulator.get("/flows/instances/recovery/");
        assertThat(flow.get("designation").asText()).isEqualTo("recovery");
        assertThat(flow.get("name").asText()).isEqualTo("Recovery");
        assertThat(flow.get("title").asText()).isEqualTo("Recovery");
        assertThat(new SecurityState(emulator).bindings("recovery")).containsExactly(
                "10 recovery-authentication-identification", "20 recovery-email",
                "30 default-password-change-prompt", "40 default-password-change-write");
        JsonNode email = emulator.list("/stages/email/?name=recovery-email").getFirst();
        assertThat(email.get("subject").asText()).isEqualTo("authentik password recovery");
        assertThat(email.get("use_global_settings").asBoolean()).isTrue();
        JsonNode identification = emulator.list("/stages/identification/?name=recovery-authentication-identification")
                .getFirst();
        assertThat(identification.get("user_fields").toString()).contains("username", "email");
        assertThat(emulator.list("/stages/identification/?name=default-authentication-identification").getFirst()
                .get("recovery_flow").asText()).isEqualTo(flow.get("pk").asText());
        assertThat(emulator.list("/core/brands/?domain=authentik-default").getFirst().get("flow_recovery").asText())
                .isEqualTo(flow.get("pk").asText());
        assertThat(r.jsonPath().getInt("authentikCalls.writes")).isEqualTo(9);

        emulator.calls().clear();
        api().body("{\"emailSubject\": \"authentik password recovery\"}").put("/security/recovery").then()
                .statusCode(200).body("status", equalTo("unchanged"));
        assertThat(emulator.calls().writes()).isZero();
    }

    @Test
    void recoveryWithoutTheDefaultBrandIsAConflictNamingIt() {
        JsonNode brand = emulator.list("/core/brands/?domain=authentik-default").getFirst();
        emulator.direct("DELETE", "/core/brands/" + brand.get("brand_uuid").asText() + "/", null);
        api().body("{}").put("/security/recovery").then().statusCode(409)
                .body("detail", containsString("brand 'authentik-default'"));
        assertThat(emulator.calls().writes()).isZero();
    }

    @Test
    void recoveryDryRunOnAFreshInstallPlansEverything() {
        api().body("{}").queryParam("dryRun", true).put("/security/recovery").then().statusCode(200)
                .body("status", equalTo("planned"));
        assertThat(emulator.calls().writes()).isZero();
    }

    // ---- bad input ------------------------------------------------------------------------------------------

    @Test
    void badInputIsRejectedNamingTheFieldWithoutCallingAuthentik() {
        assertBadPut("/security/password-policy", "{\"minDigits\": -1}", "minDigits");
        assertBadPut("/security/password-policy", "{\"minLength\": -5}", "minLength");
        assertBadPut("/security/password-policy", "{\"minUppercase\": -1, \"minSymbols\": -2}", "minSymbols");
        assertBadPut("/security/password-policy", "{\"name\": \"  \"}", "name");
        assertBadPut("/security/mfa", "{\"deviceClasses\": [\"fingerprint\"]}", "deviceClasses[0]");
        assertBadPut("/security/mfa", "{\"deviceClasses\": []}", "deviceClasses");
        assertBadPut("/security/mfa", "{\"deviceClasses\": [\"sms\"], \"enforce\": true}", "deviceClasses");
        assertBadPut("/security/recovery", "{\"emailSubject\": \"\"}", "emailSubject");
        assertThat(emulator.calls().all()).isEmpty();
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private String promptPath(String name) {
        return "/stages/prompt/stages/" + emulator.list("/stages/prompt/stages/?name=" + name).getFirst().get("pk")
                .asText() + "/";
    }

}
