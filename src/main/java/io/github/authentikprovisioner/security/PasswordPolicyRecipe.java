package io.github.authentikprovisioner.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.recipes.FreshInstall;
import io.github.authentikprovisioner.recipes.DesiredFlow;
import io.github.authentikprovisioner.reconcile.Desired;
import io.github.authentikprovisioner.reconcile.Field;
import io.github.authentikprovisioner.reconcile.Ref;

/**
 * Password policy (seed: "Password policy"): a password policy with static rules, made the only validation policy
 * of the enrollment prompt ({@code default-source-enrollment-prompt}) and of the password change prompt
 * ({@code default-password-change-prompt}, dropping {@code default-password-change-password-policy}).
 *
 * <p>Prompt stages are the only place authentik checks a password policy (API-NOTES §8); the prompt stages' fields
 * are left alone, so the invitation enrollment recipe can choose them.
 */
public final class PasswordPolicyRecipe {

    /** The prompt stages whose only validation policy this recipe sets. */
    public static final List<Ref> PROMPT_STAGES = List.of(FreshInstall.SOURCE_ENROLLMENT_PROMPT,
            FreshInstall.PASSWORD_CHANGE_PROMPT);

    private PasswordPolicyRecipe() {
    }

    public static Ref policy(PasswordPolicy spec) {
        return Ref.to(Kind.PASSWORD_POLICY, "name", spec.name());
    }

    public static DesiredFlow desired(PasswordPolicy spec) {
        Map<String, Field> rules = new LinkedHashMap<>();
        rules.put("check_static_rules", Field.of(true));
        rules.put("length_min", Field.of(spec.minLength()));
        rules.put("amount_uppercase", Field.of(spec.minUppercase()));
        rules.put("amount_lowercase", Field.of(spec.minLowercase()));
        rules.put("amount_digits", Field.of(spec.minDigits()));
        rules.put("amount_symbols", Field.of(spec.minSymbols()));
        rules.put("error_message", Field.of(spec.errorMessage()));
        Desired policy = DesiredFlow.object(policy(spec), rules);
        List<Desired> objects = new ArrayList<>(List.of(policy));
        for (Ref stage : PROMPT_STAGES) {
            objects.add(DesiredFlow.object(stage, Map.of("validation_policies", Field.refs(List.of(policy(spec))))));
        }
        return new DesiredFlow(objects, List.of(), PROMPT_STAGES);
    }
}
