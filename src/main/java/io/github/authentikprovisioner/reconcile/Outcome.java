package io.github.authentikprovisioner.reconcile;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a reconcile did (or would do): the changes in order, and the resulting object for every desired one
 * (the state after the write, or the state found in a dry run; absent for objects a dry run would create).
 */
public record Outcome(boolean dryRun, List<Change> changes, Map<Ref, ObjectNode> objects) {

    public Outcome {
        changes = List.copyOf(changes);
        objects = Map.copyOf(objects);
    }

    public Status status() {
        return Status.of(changes, dryRun);
    }

    /** The status of a removal: {@code deleted} when something was deleted. */
    public Status removalStatus() {
        return Status.ofRemoval(changes, dryRun);
    }

    public Optional<ObjectNode> object(Ref ref) {
        return Optional.ofNullable(objects.get(ref));
    }
}
