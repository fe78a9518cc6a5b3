package io.github.authentikprovisioner.desiredstate;

import org.junit.jupiter.api.Test;

import io.github.authentikprovisioner.api.InvalidInput;
import io.github.authentikprovisioner.authentik.AuthentikSession;
import io.github.authentikprovisioner.recipes.Recipe;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every recipe names the kinds it reads ({@link Recipe#reads}), so a document reads them all at once, in parallel,
 * before its first entry: checked on a fresh install and converged, applied and planned.
 */
@QuarkusTest
class RecipeReadsTest extends RecipeEntrySupport {

    @Test
    void everyRecipeReadsOnlyTheKindsItNames() throws Exception {
        handOverToServiceAccount();
        var entries = ExampleDocumentTest.example();
        var softly = new org.assertj.core.api.SoftAssertions();
        for (boolean converged : new boolean[] { false, true }) {
            for (boolean dryRun : new boolean[] { true, false }) {
                for (DesiredStateDocument.Entry entry : entries) {
                    AuthentikSession session = authentik.documentSession();
                    try {
                        run(entry, session, dryRun);
                    } catch (InvalidInput refused) {
                        // a person planned alone on a fresh install names groups only earlier entries create
                        softly.assertThat(entry.recipe()).as("refused alone: " + refused.getMessage()).isEqualTo("user");
                        softly.assertThat(converged || !dryRun).as("refused only when planned fresh").isFalse();
                    }
                    softly.assertThat(reads(entry)).as(entry.recipe() + (converged ? " converged" : " fresh")
                            + (dryRun ? " planned" : " applied")).containsAll(session.readKinds());
                }
                if (!converged) {
                    applier.apply(entries, false);
                }
            }
        }
        softly.assertAll();
    }

    /** A person made exclusive reads what tells this service's groups apart: apps, bindings, proxy providers. */
    @Test
    void anExclusivePersonReadsOnlyTheKindsItNames() throws Exception {
        handOverToServiceAccount();
        var entries = ExampleDocumentTest.example();
        applier.apply(entries, false);
        var exclusive = DesiredStateDocument.parse(
                "- user: {username: carol, name: Carol, exclusive: true, groups: [Servarr Users]}").getFirst();
        for (boolean dryRun : new boolean[] { true, false }) {
            AuthentikSession session = run(exclusive, authentik.documentSession(), dryRun);
            org.assertj.core.api.Assertions.assertThat(reads(exclusive)).as(dryRun ? "planned" : "applied")
                    .containsAll(session.readKinds());
        }
    }

    /** Converged reads and fresh-install writes of each entry alone before the session's snapshot (issue 12). */
    private static final java.util.Map<String, int[]> BEFORE = java.util.Map.ofEntries(
            java.util.Map.entry("forwardAuth", new int[] { 4, 3 }), java.util.Map.entry("login", new int[] { 4, 2 }),
            java.util.Map.entry("passwordPolicy", new int[] { 3, 3 }), java.util.Map.entry("mfa", new int[] { 7, 3 }),
            java.util.Map.entry("recovery", new int[] { 8, 9 }),
            java.util.Map.entry("invitationEnrollment", new int[] { 15, 11 }),
            // servarr +1 read (issue 19): the users, to say when nobody active is in its group
            java.util.Map.entry("servarr", new int[] { 6, 4 }), java.util.Map.entry("nextcloud", new int[] { 12, 6 }),
            java.util.Map.entry("synology", new int[] { 7, 2 }), java.util.Map.entry("immich", new int[] { 7, 2 }),
            java.util.Map.entry("inventree", new int[] { 9, 4 }),
            // added after the snapshot: users and groups; user, membership, password, its mark, akadmin
            java.util.Map.entry("admin", new int[] { 2, 5 }),
            // added after the snapshot (issue 19): user, its password mark, its groups (measured after their entries)
            java.util.Map.entry("user", new int[] { 2, 5 }));

    @Test
    void noRecipeReadsOrWritesMoreThanBeforeTheSnapshot() throws Exception {
        var softly = new org.assertj.core.api.SoftAssertions();
        var entries = ExampleDocumentTest.example();
        for (DesiredStateDocument.Entry entry : entries) {
            freshInstallHandedOver();
            if (entry.recipe().equals("user")) {
                // a person's groups come from the entries before it
                applier.apply(entries.subList(0, entries.indexOf(entry)), false);
            }
            AuthentikSession fresh = run(entry, authentik.session(), false);
            AuthentikSession converged = run(entry, authentik.session(), false);
            String name = entry.spec().path("preset").asText(entry.recipe());
            int[] before = BEFORE.get(name);
            softly.assertThat(converged.reads()).as(name + " converged reads").isLessThanOrEqualTo(before[0]);
            softly.assertThat(converged.writes()).as(name + " converged writes").isZero();
            softly.assertThat(fresh.writes()).as(name + " fresh-install writes").isLessThanOrEqualTo(before[1]);
        }
        softly.assertAll();
    }
}
