package io.github.authentikprovisioner.reconcile;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** The overall result of a recipe: {@code planned} for dry runs, otherwise what the strongest change was. */
public enum Status {
    CREATED, UPDATED, UNCHANGED, PLANNED;

    /** created if anything was created, updated if anything else changed, unchanged otherwise. */
    public static Status of(List<Change> changes, boolean dryRun) {
        if (dryRun) {
            return PLANNED;
        }
        if (changes.stream().anyMatch(c -> c.action() == Change.Action.CREATE)) {
            return CREATED;
        }
        return changes.stream().anyMatch(c -> c.action() != Change.Action.NONE) ? UPDATED : UNCHANGED;
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
