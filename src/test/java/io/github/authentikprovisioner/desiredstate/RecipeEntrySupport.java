package io.github.authentikprovisioner.desiredstate;

import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import io.github.authentikprovisioner.ApiTestSupport;
import io.github.authentikprovisioner.authentik.Authentik;
import io.github.authentikprovisioner.authentik.AuthentikSession;
import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.recipes.Recipe;

/** Base of the tests that run the entries of a desired-state document one by one, each in a session of its own. */
abstract class RecipeEntrySupport extends ApiTestSupport {

    @Inject
    DesiredStateApplier applier;
    @Inject
    RecipeCatalog recipes;
    @Inject
    Authentik authentik;

    Recipe<?, ?> recipe(DesiredStateDocument.Entry entry) {
        return recipes.byName(entry.recipe()).orElseThrow();
    }

    /** The entry read and validated as its recipe's request. */
    Object spec(DesiredStateDocument.Entry entry) {
        return applier.validate(List.of(entry)).getFirst();
    }

    /** The kinds the entry's recipe says it reads for this request. */
    Set<Kind> reads(DesiredStateDocument.Entry entry) {
        return DesiredStateApplier.reads(recipe(entry), spec(entry));
    }

    /** Runs the entry alone in {@code session}, as its endpoint would. */
    AuthentikSession run(DesiredStateDocument.Entry entry, AuthentikSession session, boolean dryRun) {
        run(recipe(entry), session, spec(entry), dryRun);
        return session;
    }

    private static <S> void run(Recipe<S, ?> recipe, AuthentikSession session, Object spec, boolean dryRun) {
        recipe.run(session, recipe.specType().cast(spec), dryRun);
    }
}
