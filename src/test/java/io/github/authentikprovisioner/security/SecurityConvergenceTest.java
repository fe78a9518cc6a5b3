package io.github.authentikprovisioner.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.authentikprovisioner.ApiTestSupport;
import io.github.authentikprovisioner.SecurityState;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The five login and security recipes together, as the seed applies them to a fresh install. */
@QuarkusTest
class SecurityConvergenceTest extends ApiTestSupport {

    /** The five recipes with the seed's choices, in the seed's order. */
    static final List<Recipe> SEED = List.of(
            new Recipe("/login", "{\"passwordOnIdentificationPage\": true, \"rememberMe\": false}"),
            new Recipe("/security/password-policy", """
                    {"name": "password-complexity", "minLength": 12, "minUppercase": 1, "minLowercase": 1,
                     "minDigits": 1, "minSymbols": 1}"""),
            new Recipe("/security/mfa", "{\"deviceClasses\": [\"totp\"], \"enforce\": true}"),
            new Recipe("/security/recovery", "{\"emailSubject\": \"authentik password recovery\"}"),
            new Recipe("/security/invitation-enrollment", "{\"group\": \"authentik Users\", \"addExistingUsers\": true}"));

    record Recipe(String path, String body) {
        Response put() {
            return api().body(body).put(path);
        }
    }

    @Test
    void allFiveGiveTheSeedsBindingTablesAndASecondRoundWritesNothing() {
        SEED.forEach(r -> r.put().then().statusCode(org.hamcrest.Matchers.oneOf(200, 201)));
        SecurityState state = new SecurityState(emulator);

        assertThat(state.bindings("recovery")).containsExactly(
                "10 recovery-authentication-identification", "20 recovery-email",
                "30 default-password-change-prompt", "40 default-password-change-write");
        assertThat(state.bindings("enrollment-invitation")).containsExactly(
                "10 enrollment-invitation", "20 default-source-enrollment-prompt", "30 enrollment-invitation-write",
                "40 enrollment-invitation-email", "50 default-source-enrollment-login");
        assertThat(state.bindings("default-source-enrollment")).containsExactly(
                "0 default-source-enrollment-prompt", "1 default-source-enrollment-write",
                "2 default-authentication-mfa-validation", "3 default-source-enrollment-login");
        assertThat(state.bindings("default-authentication-flow")).as("password stage unbound").containsExactly(
                "10 default-authentication-identification", "30 default-authentication-mfa-validation",
                "100 default-authentication-login");

        emulator.calls().clear();
        for (Recipe r : SEED) {
            r.put().then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("unchanged"))
                    .body("authentikCalls.writes", org.hamcrest.Matchers.equalTo(0));
        }
        assertThat(emulator.calls().writes()).as("writes of the second round").isZero();
    }

    @Test
    void anyOrderConvergesToTheSameState() {
        Map<String, Object> seedOrder = applyInOrder(List.of(0, 1, 2, 3, 4));
        emulator.reset();
        Map<String, Object> reversed = applyInOrder(List.of(4, 3, 2, 1, 0));
        emulator.reset();
        Map<String, Object> shuffled = applyInOrder(List.of(2, 4, 0, 3, 1));

        assertThat(reversed).isEqualTo(seedOrder);
        assertThat(shuffled).isEqualTo(seedOrder);
        assertThat(seedOrder.get("default-source-enrollment-prompt.validation_policies"))
                .isEqualTo(List.of("password-complexity"));
        assertThat(seedOrder.get("default-password-change-prompt.validation_policies"))
                .isEqualTo(List.of("password-complexity"));
        assertThat(seedOrder.get("default-source-enrollment-prompt.fields")).isEqualTo(List.of(
                "default-user-settings-field-email", "default-user-settings-field-name",
                "default-user-settings-field-username", "initial-setup-field-password",
                "initial-setup-field-password-repeat"));
        assertThat(seedOrder.get("identification.password_stage")).isEqualTo("default-authentication-password");
        assertThat(seedOrder.get("identification.recovery_flow")).isEqualTo("recovery");
        assertThat(seedOrder.get("identification.user_fields")).as("kept").isEqualTo(List.of("email", "username"));
        assertThat(seedOrder.get("brand.flow_recovery")).isEqualTo("recovery");
        assertThat(seedOrder.get("mfa.configuration_stages")).isEqualTo(List.of("default-authenticator-totp-setup"));
    }

    /**
     * authentik applies its default blueprints again when their hash changes (an upgrade: blueprints/v1/tasks.py);
     * entries are "present", so their attributes come back, and a binding whose identifiers include the order comes
     * back next to ours. The next round puts the seed's state back and removes the duplicate binding.
     */
    @Test
    void afterTheDefaultBlueprintsAreAppliedAgainTheNextRoundRestoresTheSeedsState() {
        Map<String, Object> converged = applyInOrder(List.of(0, 1, 2, 3, 4));

        emulator.reapplyBlueprints();
        SecurityState state = new SecurityState(emulator);
        assertThat(state.bindings("default-source-enrollment")).as("the blueprint's login binding is back")
                .contains("2 default-source-enrollment-login", "3 default-source-enrollment-login");
        assertThat(state.snapshot()).isNotEqualTo(converged);

        emulator.calls().clear();
        SEED.forEach(r -> r.put().then().statusCode(org.hamcrest.Matchers.oneOf(200, 201)));
        assertThat(emulator.calls().writeCalls()).as("repairs").isNotEmpty();
        assertThat(new SecurityState(emulator).snapshot()).isEqualTo(converged);
        emulator.calls().clear();
        SEED.forEach(r -> r.put().then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("unchanged")));
        assertThat(emulator.calls().writes()).isZero();
    }

    private Map<String, Object> applyInOrder(List<Integer> order) {
        List<Integer> statuses = new ArrayList<>();
        for (int i : order) {
            statuses.add(SEED.get(i).put().statusCode());
        }
        assertThat(statuses).as("statuses in order " + order).allMatch(s -> s == 200 || s == 201);
        emulator.calls().clear();
        order.forEach(i -> SEED.get(i).put());
        assertThat(emulator.calls().writes()).as("second round in order " + order).isZero();
        return new SecurityState(emulator).snapshot();
    }
}
