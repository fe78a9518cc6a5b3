package io.github.authentikprovisioner.oidc;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.github.authentikprovisioner.api.AuthentikCalls;
import io.github.authentikprovisioner.api.RecipeReport;
import io.github.authentikprovisioner.reconcile.Change;
import io.github.authentikprovisioner.reconcile.Status;

/** Answer of {@code DELETE /apps/oidc/{slug}}: what was deleted, and what was kept because something still uses it. */
@Schema(name = "OidcAppDeleteResult")
public record OidcAppDeleteResult(
        @Schema(description = "deleted when something was deleted, unchanged, or planned for a dry run") Status status,
        List<Change> changes,
        AuthentikCalls authentikCalls,
        @Schema(examples = "nextcloud") String slug,
        @Schema(description = "Objects the application used that stay, and why") List<Kept> kept)
        implements RecipeReport {

    /** An object the application used that was not deleted. */
    @Schema(name = "KeptObject")
    public record Kept(
            @Schema(examples = "group") String kind,
            @Schema(examples = "nextcloud Users") String name,
            @Schema(examples = "has members") String reason) {
    }
}
