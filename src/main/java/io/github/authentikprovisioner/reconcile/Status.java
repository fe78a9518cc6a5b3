package io.github.authentikprovisioner.reconcile;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The overall result of a recipe: {@code planned} for dry runs, otherwise created if anything was created, updated
 * if anything else changed (a binding removed while ensuring a flow is part of an update), else unchanged. Removal
 * endpoints (DELETE) answer {@code deleted} through {@link #ofRemoval}.
 */
public enum Status {
    CREATED, UPDATED, DELETED, UNCHANGED, PLANNED;

    public static Status of(List<Change> changes, boolean dryRun) {
        if (dryRun) {
            return PLANNED;
        }
        if (changes.stream().anyMatch(c -> c.action() == Change.Action.CREATE)) {
            return CREATED;
        }
        return changes.stream().anyMatch(c -> c.action() != Change.Action.NONE) ? UPDATED : UNCHANGED;
    }

    /** For removals: deleted when something was deleted, otherwise as {@link #of}. */
    public static Status ofRemoval(List<Change> changes, boolean dryRun) {
        if (!dryRun && changes.stream().anyMatch(c -> c.action() == Change.Action.DELETE)) {
            return DELETED;
        }
        return of(changes, dryRun);
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
