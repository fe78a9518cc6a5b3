package io.github.authentikprovisioner.invitations;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.github.authentikprovisioner.api.AuthentikCalls;
import io.github.authentikprovisioner.api.RecipeReport;
import io.github.authentikprovisioner.reconcile.Change;
import io.github.authentikprovisioner.reconcile.Status;

/** Answer of {@code POST /invitations}. */
@Schema(name = "InvitationCreated")
public record InvitationCreated(
        @Schema(description = "created, or planned for a dry run") Status status,
        List<Change> changes,
        AuthentikCalls authentikCalls,
        @Schema(description = "The invitation's pk, which is also its token; absent in a dry run", nullable = true)
        String id,
        @Schema(description = "Name of the invitation", examples = "for-alice") String name,
        @Schema(description = "The link to hand over; absent in a dry run", nullable = true,
                examples = "https://auth.example.com/if/flow/enrollment-invitation/?itoken=3f1c…") String link,
        @Schema(description = "When the link stops working (UTC)", examples = "2026-06-01T12:00:00Z") String expires,
        @Schema(description = "Whether the invitation is deleted once used") boolean singleUse,
        @Schema(description = "Whether this service emailed the link") boolean emailed,
        @Schema(description = "Where it was sent, or why it was not") String emailDetail,
        @Schema(description = "What to do once the person has enrolled: an invitation cannot put them into an app's "
                + "group") String next)
        implements RecipeReport {

    /**
     * authentik 2026.2.2 merges an invitation's fixed data into the prompt data, and its user write stage discards a
     * {@code groups} key there; enrolled users join the stage's one {@code create_users_group}, and only a flow
     * context's {@code groups} (set by an expression policy) adds others (authentik/stages/invitation/stage.py,
     * authentik/stages/user_write/stage.py). So people reach an app's group through PUT /users/{username}.
     */
    static final String NEXT = "once they have enrolled, give them their apps: PUT /users/{username} with \"groups\" "
            + "(an invitation cannot place people in groups), then GET /users/{username}/access";
}
