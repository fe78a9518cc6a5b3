package io.github.authentikprovisioner.desiredstate;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.github.authentikprovisioner.ApiTestSupport;
import io.github.authentikprovisioner.authentik.Authentik;
import io.github.authentikprovisioner.authentik.AuthentikSession;
import io.github.authentikprovisioner.recipes.Recipe;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every recipe names the kinds it reads ({@link Recipe#reads()}), so a document reads them all at once, in parallel,
 * before its first entry: checked on a fresh install and converged, applied and planned.
 */
@QuarkusTest
class RecipeReadsTest extends ApiTestSupport {

    @Inject
    DesiredStateApplier applier;
    @Inject
    RecipeCatalog recipes;
    @Inject
    Authentik authentik;

    @Test
    void everyRecipeReadsOnlyTheKindsItNames() throws Exception {
        var entries = ExampleDocumentTest.example();
        var softly = new org.assertj.core.api.SoftAssertions();
        for (boolean converged : new boolean[] { false, true }) {
            for (boolean dryRun : new boolean[] { true, false }) {
                for (DesiredStateDocument.Entry entry : entries) {
                    Recipe<?, ?> recipe = recipes.byName(entry.recipe()).orElseThrow();
                    AuthentikSession session = authentik.documentSession();
                    run(recipe, session, applier.validate(java.util.List.of(entry)).getFirst(), dryRun);
                    softly.assertThat(recipe.reads()).as(entry.recipe() + (converged ? " converged" : " fresh")
                            + (dryRun ? " planned" : " applied")).containsAll(session.readKinds());
                }
                if (!converged) {
                    applier.apply(entries, false);
                }
            }
        }
        softly.assertAll();
    }

    private static <S> void run(Recipe<S, ?> recipe, AuthentikSession session, Object spec, boolean dryRun) {
        recipe.run(session, recipe.specType().cast(spec), dryRun);
    }
}
