package io.github.authentikprovisioner.reconcile;

import com.fasterxml.jackson.databind.JsonNode;

/** Turns references into pks while a plan is made. */
interface Resolver {

    /** The pk of {@code ref}; a placeholder for an object the plan is about to create. */
    JsonNode pk(Ref ref) throws Conflict.MissingObject;

    /** The pk of {@code ref}, or null when no such object exists (nothing to exclude then). */
    JsonNode pkIfExists(Ref ref);
}
