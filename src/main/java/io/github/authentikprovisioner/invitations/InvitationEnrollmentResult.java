package io.github.authentikprovisioner.invitations;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.github.authentikprovisioner.api.AuthentikCalls;
import io.github.authentikprovisioner.api.RecipeReport;
import io.github.authentikprovisioner.recipes.StageBinding;
import io.github.authentikprovisioner.reconcile.Change;
import io.github.authentikprovisioner.reconcile.Status;

/** Answer of {@code PUT /security/invitation-enrollment}. */
@Schema(name = "InvitationEnrollmentResult")
public record InvitationEnrollmentResult(
        @Schema(description = "created, updated, unchanged, or planned for a dry run") Status status,
        List<Change> changes,
        AuthentikCalls authentikCalls,
        @Schema(description = "Slug of the enrollment flow invitations lead to", examples = "enrollment-invitation")
        String flowSlug,
        @Schema(description = "Group enrolled users join", examples = "authentik Users") String group,
        @Schema(description = "Existing users this call added (or, in a dry run, would add) to the group")
        List<String> usersAdded,
        @Schema(description = "Prompt fields of default-source-enrollment-prompt") List<String> promptFields,
        @Schema(description = "The bindings of the enrollment flow this call ensured") List<StageBinding> bindings)
        implements RecipeReport {
}
