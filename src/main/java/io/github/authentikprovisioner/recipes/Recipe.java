package io.github.authentikprovisioner.recipes;

import java.util.Set;

import io.github.authentikprovisioner.authentik.Kind;

import io.github.authentikprovisioner.api.RecipeReport;
import io.github.authentikprovisioner.authentik.AuthentikSession;

/**
 * One recipe of the guide, as both its endpoint and a desired-state document run it: a CDI bean per recipe, so a
 * line of a document and a call behave identically and a document can run all its lines in one authentik session.
 *
 * @param <S> the request: a record with Bean Validation constraints, validated before {@link #run}
 * @param <R> the answer
 */
public interface Recipe<S, R extends RecipeReport> {

    /** The key a desired-state document names this recipe by, e.g. {@code servarr}. */
    String name();

    /** The request type a document entry is read as. */
    Class<S> specType();

    /**
     * Every kind of object {@link #run} looks up for {@code spec}, so a caller can read them all at once, in parallel,
     * before the first lookup ({@code AuthentikSession#prefetch}); a kind missing here is still read, later, on its
     * own, and one named but not needed costs a read of its own.
     */
    Set<Kind> reads(S spec);

    /**
     * Ensures {@code spec} in authentik through {@code session} (or, with {@code dryRun}, only plans it). The
     * answer's call counts are the session's totals: a caller sharing one session across recipes takes differences.
     */
    R run(AuthentikSession session, S spec, boolean dryRun);
}
