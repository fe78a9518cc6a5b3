package io.github.authentikprovisioner.security;

import static io.github.authentikprovisioner.recipes.PlannedObjects.all;
import static io.github.authentikprovisioner.recipes.PlannedObjects.named;
import static io.github.authentikprovisioner.recipes.PlannedObjects.only;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.recipes.FreshInstall;
import io.github.authentikprovisioner.recipes.DesiredFlow;
import io.github.authentikprovisioner.reconcile.Desired;
import io.github.authentikprovisioner.reconcile.Field;
import io.github.authentikprovisioner.reconcile.Ref;

/** The desired state of the password policy, MFA and recovery recipes, without authentik. */
class SecurityRecipesTest {

    @Test
    void errorMessageIsGeneratedInTheSeedsWordsWhenAbsent() {
        PasswordPolicy policy = new PasswordPolicy(null, null, null, null, null, null, null);
        assertThat(policy.name()).isEqualTo("password-complexity");
        assertThat(policy.errorMessage()).isEqualTo("Please enter a minimum of 12 characters with at least "
                + "1 uppercase, 1 lowercase, 1 digit and 1 symbol character.");
        assertThat(PasswordPolicy.describe(10, 2, 0, 3, 0))
                .isEqualTo("Please enter a minimum of 10 characters with at least 2 uppercase and 3 digit characters.");
        assertThat(PasswordPolicy.describe(8, 0, 0, 0, 2))
                .isEqualTo("Please enter a minimum of 8 characters with at least 2 symbol characters.");
        assertThat(PasswordPolicy.describe(16, 0, 0, 0, 0)).isEqualTo("Please enter a minimum of 16 characters.");
        assertThat(PasswordPolicy.describe(0, 0, 0, 0, 0)).isEqualTo("Please enter a password.");
        assertThat(new PasswordPolicy(null, 8, 0, 0, 0, 0, "Eight at least.").errorMessage())
                .isEqualTo("Eight at least.");
    }
    @Test
    void passwordPolicyIsTheOnlyValidationPolicyOfBothPrompts() {
        PasswordPolicy spec = new PasswordPolicy("strong", 14, 1, 2, 3, 4, null);
        DesiredFlow flow = PasswordPolicyRecipe.desired(spec);
        Desired.Present policy = only(flow.objects(), Kind.PASSWORD_POLICY);
        assertThat(policy.name()).isEqualTo("strong");
        assertThat(policy.fields()).containsEntry("length_min", Field.of(14))
                .containsEntry("amount_uppercase", Field.of(1)).containsEntry("amount_lowercase", Field.of(2))
                .containsEntry("amount_digits", Field.of(3)).containsEntry("amount_symbols", Field.of(4))
                .containsEntry("check_static_rules", Field.of(true))
                .containsEntry("error_message", Field.of(spec.errorMessage()));
        List<Desired.Present> prompts = all(flow.objects(), Kind.PROMPT_STAGE);
        assertThat(prompts).extracting(Desired::name)
                .containsExactly("default-source-enrollment-prompt", "default-password-change-prompt");
        assertThat(prompts).allSatisfy(p -> assertThat(p.fields()).containsOnlyKeys("validation_policies")
                .containsEntry("validation_policies", Field.refs(List.of(Ref.to(Kind.PASSWORD_POLICY, "name",
                        "strong")))));
        assertThat(flow.bindings()).isEmpty();
        assertThat(flow.changedDefaults()).containsExactlyElementsOf(PasswordPolicyRecipe.PROMPT_STAGES);
    }
    @Test
    void enforcedTotpConfiguresTheValidationStageAndTheSeedsEnrollmentTable() {
        DesiredFlow flow = MfaRecipe.desired(new Mfa(null, null));
        Desired.Present stage = only(flow.objects(), Kind.AUTHENTICATOR_VALIDATE_STAGE);
        assertThat(stage.name()).isEqualTo("default-authentication-mfa-validation");
        assertThat(stage.fields()).containsEntry("device_classes", Field.setOf(List.of("totp")))
                .containsEntry("not_configured_action", Field.of("configure"))
                .containsEntry("configuration_stages", Field.refs(List.of(FreshInstall.TOTP_SETUP)));
        assertThat(flow.reportedBindings()).extracting(b -> b.order() + " " + b.stage()).containsExactly(
                "0 default-source-enrollment-prompt", "1 default-source-enrollment-write",
                "2 default-authentication-mfa-validation", "3 default-source-enrollment-login");
        assertThat(flow.reportedBindings()).allSatisfy(b -> assertThat(b.flow()).isEqualTo("default-source-enrollment"));
    }
    @Test
    void configurationStagesFollowTheDeviceClassesThatHaveSetupStages() {
        Mfa mfa = new Mfa(List.of(DeviceClass.WEBAUTHN, DeviceClass.TOTP, DeviceClass.EMAIL, DeviceClass.TOTP), true);
        assertThat(MfaRecipe.configurationStages(mfa)).containsExactly(FreshInstall.WEBAUTHN_SETUP,
                FreshInstall.TOTP_SETUP);
        assertThat(only(MfaRecipe.desired(mfa).objects(), Kind.AUTHENTICATOR_VALIDATE_STAGE).fields())
                .containsEntry("device_classes", Field.setOf(List.of("webauthn", "totp", "email")));
    }
    @Test
    void notEnforcedSkipsAndRestoresTheFreshEnrollmentFlow() {
        DesiredFlow flow = MfaRecipe.desired(new Mfa(List.of(DeviceClass.TOTP), false));
        assertThat(only(flow.objects(), Kind.AUTHENTICATOR_VALIDATE_STAGE).fields())
                .containsEntry("not_configured_action", Field.of("skip")).doesNotContainKey("configuration_stages");
        assertThat(flow.reportedBindings()).extracting(b -> b.order() + " " + b.stage()).containsExactly(
                "0 default-source-enrollment-prompt", "1 default-source-enrollment-write",
                "null default-authentication-mfa-validation", "2 default-source-enrollment-login");
    }
    @Test
    void recoveryBuildsTheSeedsFlowAndOffersIt() {
        DesiredFlow flow = RecoveryRecipe.desired(new Recovery(null));
        assertThat(flow.reportedBindings()).extracting(b -> b.order() + " " + b.stage()).containsExactly(
                "10 recovery-authentication-identification", "20 recovery-email",
                "30 default-password-change-prompt", "40 default-password-change-write");
        assertThat(flow.reportedBindings()).allSatisfy(b -> assertThat(b.flow()).isEqualTo("recovery"));
        assertThat(named(flow.objects(), "recovery-authentication-identification").fields())
                .containsEntry("user_fields", Field.setOf(List.of("username", "email")));
        assertThat(named(flow.objects(), "recovery-email").fields())
                .containsEntry("subject", Field.of("authentik password recovery"))
                .containsEntry("use_global_settings", Field.of(true));
        Desired.Present recovery = only(flow.objects(), Kind.FLOW);
        assertThat(recovery.fields()).containsEntry("name", Field.of("Recovery")).containsEntry("title", Field.of("Recovery"))
                .containsEntry("designation", Field.of("recovery"));
        assertThat(named(flow.objects(), "default-authentication-identification").fields())
                .containsOnlyKeys("recovery_flow").containsEntry("recovery_flow", Field.ref(RecoveryRecipe.FLOW));
        assertThat(only(flow.objects(), Kind.BRAND).fields()).containsOnlyKeys("flow_recovery");
        assertThat(flow.changedDefaults()).containsExactly(FreshInstall.IDENTIFICATION, FreshInstall.BRAND);
    }
}
