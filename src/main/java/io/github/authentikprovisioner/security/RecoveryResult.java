package io.github.authentikprovisioner.security;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.github.authentikprovisioner.api.AuthentikCalls;
import io.github.authentikprovisioner.api.RecipeReport;
import io.github.authentikprovisioner.recipes.StageBinding;
import io.github.authentikprovisioner.reconcile.Change;
import io.github.authentikprovisioner.reconcile.Status;

/** Answer of {@code PUT /security/recovery}. */
@Schema(name = "RecoveryResult")
public record RecoveryResult(
        @Schema(description = "created, updated, unchanged, or planned for a dry run") Status status,
        List<Change> changes,
        AuthentikCalls authentikCalls,
        @Schema(description = "Slug of the recovery flow", examples = "recovery") String flowSlug,
        @Schema(description = "Where users start a recovery",
                examples = "https://auth.example.com/if/flow/recovery/") String recoveryUrl,
        @Schema(description = "The bindings of the recovery flow this call ensured") List<StageBinding> bindings)
        implements RecipeReport {
}
