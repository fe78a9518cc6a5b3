package io.github.authentikprovisioner.users;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.github.authentikprovisioner.api.AuthentikCalls;
import io.github.authentikprovisioner.api.RecipeReport;
import io.github.authentikprovisioner.reconcile.Change;
import io.github.authentikprovisioner.reconcile.Status;

/** Answer of {@code PUT} and {@code DELETE /users/{username}}. Never carries a password. */
@Schema(name = "UserResult")
public record UserResult(
        @Schema(description = "created, updated, deleted, unchanged, or planned for a dry run") Status status,
        List<Change> changes,
        AuthentikCalls authentikCalls,
        @Schema(examples = "bob") String username,
        @Schema(description = "Whether the user may sign in after this call (after a dry run: would)") boolean active,
        @Schema(description = "The groups the user is directly in after this call (after a dry run: would be)",
                examples = "[\"nextcloud Users\"]") List<String> groups,
        @Schema(description = "Whether this call set (after a dry run: would set) the password") boolean passwordSet,
        @Schema(description = "What still keeps this person from signing in, for a human")
        List<String> warnings) implements RecipeReport {
}
