package io.github.authentikprovisioner.invitations;

import io.github.authentikprovisioner.access.Scopes;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.github.authentikprovisioner.api.RecipeReport;
import io.github.authentikprovisioner.authentik.Authentik;

/**
 * Invitation links to the invitation enrollment flow (seed: "Invitations", last step), emailed by this service when
 * SMTP is configured.
 */
@Path("/invitations")
@Tag(name = "Invitations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InvitationsResource {

    private static final String UUID = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

    private final Authentik authentik;
    private final InvitationService service;

    InvitationsResource(Authentik authentik, InvitationService service) {
        this.authentik = authentik;
        this.service = service;
    }

    @POST
    @RolesAllowed({ Scopes.ADMIN, Scopes.INVITATIONS })
    @Operation(summary = "Create an invitation link, and email it when SMTP is configured",
            description = "Creates a new invitation to the flow enrollment-invitation (409 until "
                    + "PUT /security/invitation-enrollment made it) and answers its link. With an email address and "
                    + "AUTHENTIK_EMAIL__HOST set, the service emails the link itself; emailed/emailDetail say whether "
                    + "that worked. The invitation exists either way.")
    public RestResponse<InvitationCreated> create(@Valid @NotNull Invitation body,
            @Parameter(description = "Only check and report the plan; create and send nothing")
            @QueryParam("dryRun") boolean dryRun) {
        return RecipeReport.respond(service.create(authentik.session(), body, dryRun));
    }

    @GET
    @RolesAllowed({ Scopes.ADMIN, Scopes.READ, Scopes.INVITATIONS })
    @Operation(summary = "List invitations", description = "Every invitation authentik holds, with its flow, link "
            + "and expiry. Used single-use invitations are gone (authentik deletes them), and so are expired ones "
            + "once authentik's 5-minute cleanup has run; until then they are listed with expired: true.")
    public List<InvitationView> list() {
        return service.list(authentik.session());
    }

    @DELETE
    @RolesAllowed({ Scopes.ADMIN, Scopes.INVITATIONS })
    @Path("/{id}")
    @Operation(summary = "Delete an invitation", description = "Deletes the invitation (its link stops working); "
            + "404 when authentik has no such invitation.")
    public RestResponse<InvitationDeleted> delete(
            @Parameter(description = "The invitation's id (its token)") @PathParam("id")
            @Pattern(regexp = UUID, message = "must be an invitation id (a UUID)") String id,
            @Parameter(description = "Only report the plan; delete nothing") @QueryParam("dryRun") boolean dryRun) {
        return RecipeReport.respond(service.delete(authentik.session(), id, dryRun));
    }
}
