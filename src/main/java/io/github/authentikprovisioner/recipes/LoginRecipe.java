package io.github.authentikprovisioner.recipes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.authentikprovisioner.reconcile.Desired;
import io.github.authentikprovisioner.reconcile.Field;

/**
 * Single page login (seed: "Single page login"): {@code default-authentication-identification} gets
 * {@code default-authentication-password} as its password stage, so both fields share one page, and the password
 * stage's own binding in {@code default-authentication-flow} goes away. {@code false} undoes both (the binding comes
 * back at its fresh-install order 20).
 */
public final class LoginRecipe {

    /** Order of the password stage in {@code default-authentication-flow} on a fresh install. */
    static final int PASSWORD_ORDER = 20;

    private LoginRecipe() {
    }

    public static RecipePlan plan(Login spec) {
        boolean onePage = spec.passwordOnIdentificationPage();
        Map<String, Field> identification = new LinkedHashMap<>();
        identification.put("password_stage", onePage ? Field.ref(FreshInstall.PASSWORD) : Field.of(null));
        identification.put("enable_remember_me", Field.of(spec.rememberMe()));
        Desired stage = RecipePlan.object(FreshInstall.IDENTIFICATION, identification);
        Binding password = onePage ? Binding.none(FreshInstall.AUTHENTICATION_FLOW, FreshInstall.PASSWORD)
                : Binding.at(FreshInstall.AUTHENTICATION_FLOW, PASSWORD_ORDER, FreshInstall.PASSWORD);
        return new RecipePlan(List.of(stage), List.of(password), List.of(FreshInstall.IDENTIFICATION));
    }
}
