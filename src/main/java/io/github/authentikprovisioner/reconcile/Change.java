package io.github.authentikprovisioner.reconcile;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * One step of a plan, as reported to callers: what happens (or happened) to which authentik object, and which of
 * its managed fields differ.
 */
@Schema(description = "One authentik object the recipe looked at, and what it did (or, in a dry run, would do) to it.")
public record Change(
        @Schema(description = "create, update, delete, or none when it already matched") Action action,
        @Schema(description = "Kind of authentik object", examples = "proxy-provider") String kind,
        @Schema(description = "Name or slug of the object", examples = "Traefik Provider") String name,
        @Schema(description = "Primary key in authentik; absent for objects a dry run would create", nullable = true) String pk,
        @Schema(description = "Managed fields that differ (all managed fields on create)") List<String> fields) {

    public Change {
        fields = List.copyOf(fields);
    }

    /** What the engine does to an object. */
    public enum Action {
        CREATE, UPDATE, DELETE, NONE;

        @JsonValue
        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
