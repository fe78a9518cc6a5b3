package io.github.authentikprovisioner.desiredstate;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.github.authentikprovisioner.recipes.Recipe;
import io.quarkus.arc.All;

/**
 * Every recipe bean by the name a desired-state document gives it: the same beans the endpoints call, so a document
 * line and a call behave identically.
 */
@ApplicationScoped
class RecipeCatalog {

    private final Map<String, Recipe<?, ?>> recipes = new TreeMap<>();

    RecipeCatalog(@All List<Recipe<?, ?>> beans) {
        for (Recipe<?, ?> recipe : beans) {
            Recipe<?, ?> clash = recipes.put(recipe.name(), recipe);
            if (clash != null) {
                throw new IllegalStateException("two recipes are named '" + recipe.name() + "'");
            }
        }
    }

    Optional<Recipe<?, ?>> byName(String name) {
        return Optional.ofNullable(recipes.get(name));
    }

    Set<String> names() {
        return recipes.keySet();
    }
}
