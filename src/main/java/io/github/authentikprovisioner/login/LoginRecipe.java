package io.github.authentikprovisioner.login;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.recipes.Binding;
import io.github.authentikprovisioner.recipes.FreshInstall;
import io.github.authentikprovisioner.recipes.DesiredFlow;
import io.github.authentikprovisioner.reconcile.Desired;
import io.github.authentikprovisioner.reconcile.Field;
import io.github.authentikprovisioner.reconcile.Key;

/**
 * Single page login (seed: "Single page login"): {@code default-authentication-identification} gets
 * {@code default-authentication-password} as its password stage, so both fields share one page, and the password
 * stage's own binding in {@code default-authentication-flow} goes away. {@code false} undoes both: the binding
 * comes back at its fresh-install order 20 with its fresh-install policy.
 */
public final class LoginRecipe {

    /** Order of the password stage in {@code default-authentication-flow} on a fresh install. */
    static final int PASSWORD_ORDER = 20;

    private LoginRecipe() {
    }

    public static DesiredFlow desired(Login spec) {
        boolean onePage = spec.passwordOnIdentificationPage();
        Map<String, Field> identification = new LinkedHashMap<>();
        identification.put("password_stage", onePage ? Field.ref(FreshInstall.PASSWORD) : Field.of(null));
        identification.put("enable_remember_me", Field.of(spec.rememberMe()));
        Desired stage = DesiredFlow.object(FreshInstall.IDENTIFICATION, identification);
        if (onePage) {
            // authentik deletes the policy bindings of a binding with it
            return new DesiredFlow(List.of(stage),
                    List.of(Binding.none(FreshInstall.AUTHENTICATION_FLOW, FreshInstall.PASSWORD)),
                    List.of(FreshInstall.IDENTIFICATION));
        }
        Binding password = Binding.at(FreshInstall.AUTHENTICATION_FLOW, PASSWORD_ORDER, FreshInstall.PASSWORD);
        // as on a fresh install: the stage is skipped when the user already authenticated another way
        Desired skipWhenAuthenticated = new Desired.Present(Kind.POLICY_BINDING,
                Key.of("target", password.ref(), "policy", FreshInstall.PASSWORD_STAGE_POLICY),
                FreshInstall.AUTHENTICATION_FLOW + " / " + FreshInstall.nameOf(FreshInstall.PASSWORD) + " / "
                        + FreshInstall.nameOf(FreshInstall.PASSWORD_STAGE_POLICY),
                Map.of("order", Field.of(10), "failure_result", Field.of(true)));
        return new DesiredFlow(List.of(stage), List.of(password), List.of(FreshInstall.IDENTIFICATION),
                List.of(skipWhenAuthenticated));
    }
}
