package io.github.authentikprovisioner.invitations;

import io.github.authentikprovisioner.access.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.github.authentikprovisioner.api.RecipeReport;
import io.github.authentikprovisioner.authentik.Authentik;

/** Invitation-only enrollment, the seed's "Invitations" section: the flow that invitation links lead to. */
@Path("/security/invitation-enrollment")
@Tag(name = "Login and security")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Scopes.ADMIN)
public class InvitationEnrollmentResource {

    private final Authentik authentik;
    private final InvitationEnrollmentService service;

    InvitationEnrollmentResource(Authentik authentik, InvitationEnrollmentService service) {
        this.authentik = authentik;
        this.service = service;
    }

    @PUT
    @Operation(summary = "Ensure invitation-only enrollment",
            description = "Ensures the group (not superuser, existing internal non-admin users added when asked), "
                    + "the stages enrollment-invitation-write, enrollment-invitation and enrollment-invitation-email, "
                    + "the flow enrollment-invitation (bindings 10 to 50 as in the seed), and the seed's prompt "
                    + "fields on default-source-enrollment-prompt (its password policy kept). 409 names a missing "
                    + "default object, or refuses a superuser group.")
    public RestResponse<InvitationEnrollmentResult> invitationEnrollment(@Valid @NotNull InvitationEnrollment body,
            @Parameter(description = "Only report the plan; write nothing") @QueryParam("dryRun") boolean dryRun) {
        return RecipeReport.respond(service.run(authentik.session(), body, dryRun));
    }
}
