package io.github.authentikprovisioner.reconcile;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The overall result of a recipe: {@code planned} for dry runs, otherwise the strongest change: created if anything
 * was created, deleted if something was deleted (removals), updated if anything else changed, else unchanged.
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
        if (changes.stream().anyMatch(c -> c.action() == Change.Action.DELETE)) {
            return DELETED;
        }
        return changes.stream().anyMatch(c -> c.action() != Change.Action.NONE) ? UPDATED : UNCHANGED;
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
