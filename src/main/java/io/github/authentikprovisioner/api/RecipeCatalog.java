package io.github.authentikprovisioner.api;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.resteasy.reactive.RestResponse;

import io.github.authentikprovisioner.recipes.ForwardAuth;
import io.github.authentikprovisioner.recipes.InvitationEnrollment;
import io.github.authentikprovisioner.recipes.Login;
import io.github.authentikprovisioner.recipes.Mfa;
import io.github.authentikprovisioner.recipes.OidcApp;
import io.github.authentikprovisioner.recipes.PasswordPolicy;
import io.github.authentikprovisioner.recipes.Recovery;
import io.github.authentikprovisioner.recipes.ServarrApp;

/**
 * Every desired-state recipe by the name a desired-state document gives it, bound to the same endpoint method its
 * HTTP call runs, so a document line and a call behave identically.
 */
@ApplicationScoped
public class RecipeCatalog {

    /** One recipe: its request type and the endpoint method that ensures (or, with dryRun, plans) it. */
    public record Recipe<S>(String name, Class<S> specType,
            BiFunction<S, Boolean, RestResponse<? extends RecipeReport>> endpoint) {

        /** Runs the recipe for a request already read as {@link #specType()} and validated. */
        public RecipeReport run(Object spec, boolean dryRun) {
            return endpoint.apply(specType.cast(spec), dryRun).getEntity();
        }
    }

    private final Map<String, Recipe<?>> recipes = new TreeMap<>();

    RecipeCatalog(ForwardAuthResource forwardAuth, ServarrResource servarr, OidcAppResource oidc,
            LoginResource login, SecurityResource security) {
        add(new Recipe<>("forwardAuth", ForwardAuth.class, forwardAuth::ensure));
        add(new Recipe<>("servarr", ServarrApp.class, servarr::ensure));
        add(new Recipe<>("oidc", OidcApp.class, oidc::ensure));
        add(new Recipe<>("login", Login.class, login::ensure));
        add(new Recipe<>("passwordPolicy", PasswordPolicy.class, security::passwordPolicy));
        add(new Recipe<>("mfa", Mfa.class, security::mfa));
        add(new Recipe<>("recovery", Recovery.class, security::recovery));
        add(new Recipe<>("invitationEnrollment", InvitationEnrollment.class, security::invitationEnrollment));
    }

    private void add(Recipe<?> recipe) {
        recipes.put(recipe.name(), recipe);
    }

    public Optional<Recipe<?>> byName(String name) {
        return Optional.ofNullable(recipes.get(name));
    }

    public java.util.Set<String> names() {
        return recipes.keySet();
    }
}
