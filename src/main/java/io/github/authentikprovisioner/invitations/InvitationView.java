package io.github.authentikprovisioner.invitations;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One invitation as {@code GET /invitations} lists it. */
@Schema(name = "InvitationView")
public record InvitationView(
        @Schema(description = "The invitation's pk, which is also its token") String id,
        @Schema(description = "Name of the invitation") String name,
        @Schema(description = "Slug of the flow it is valid in; absent when valid in any flow", nullable = true)
        String flow,
        @Schema(description = "The link to hand over; absent when the invitation is not tied to a flow",
                nullable = true) String link,
        @Schema(description = "When it stops working (UTC). authentik gives every invitation one: an invitation "
                + "created without an expiry gets now + its default token duration", nullable = true)
        String expires,
        @Schema(description = "Whether it has expired, by this service's clock. authentik deletes expired "
                + "invitations every 5 minutes, so an expired one is listed only until then") boolean expired,
        @Schema(description = "Whether it is deleted once used") boolean singleUse,
        @Schema(description = "Values merged into the enrollment form") Map<String, Object> fixedData) {
}
