package io.github.authentikprovisioner.api;

import org.jboss.resteasy.reactive.RestResponse;

/**
 * A recipe as an endpoint that can also be driven from a desired-state document: its name there, the type of its
 * validated request, and the same method its HTTP call runs.
 *
 * @param <S> the recipe's request (desired state)
 */
public interface RecipeEndpoint<S> {

    /** The key naming this recipe in a desired-state document, e.g. {@code forwardAuth}. */
    String recipeName();

    Class<S> specType();

    /**
     * Ensures {@code spec} (or plans it when {@code dryRun}); {@code spec} is already validated. The HTTP method
     * validates and delegates here, so both paths run the same code.
     */
    RestResponse<? extends RecipeReport> run(S spec, boolean dryRun);
}
