package io.github.authentikprovisioner.invitations;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.github.authentikprovisioner.recipes.Patterns;

/** Desired invitation-only enrollment: who new users become and whether today's users join their group. */
@Schema(name = "InvitationEnrollment", description = "Invitation-only enrollment (seed: 'Invitations')")
public record InvitationEnrollment(
        @Schema(description = "Group (not superuser) that users enrolled by invitation join",
                defaultValue = "authentik Users")
        @Size(min = 1, max = 80) @Pattern(regexp = Patterns.TRIMMED, message = Patterns.TRIMMED_MESSAGE) String group,

        @Schema(description = "Also add the existing internal users who are not administrators to the group",
                defaultValue = "true")
        Boolean addExistingUsers) {

    public InvitationEnrollment {
        group = group == null ? "authentik Users" : group;
        addExistingUsers = addExistingUsers == null || addExistingUsers;
    }
}
