package io.github.authentikprovisioner.invitations;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.github.authentikprovisioner.api.AuthentikCalls;
import io.github.authentikprovisioner.api.RecipeReport;
import io.github.authentikprovisioner.reconcile.Change;
import io.github.authentikprovisioner.reconcile.Status;

/** Answer of {@code DELETE /invitations/{id}}. */
@Schema(name = "InvitationDeleted")
public record InvitationDeleted(
        @Schema(description = "updated when deleted, planned for a dry run") Status status,
        List<Change> changes,
        AuthentikCalls authentikCalls) implements RecipeReport {
}
