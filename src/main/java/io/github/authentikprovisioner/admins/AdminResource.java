package io.github.authentikprovisioner.admins;

import io.github.authentikprovisioner.access.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.github.authentikprovisioner.api.RecipeReport;
import io.github.authentikprovisioner.authentik.Authentik;
import io.github.authentikprovisioner.recipes.Patterns;

/** Your own administrator, and akadmin retired without locking anyone out. No DELETE by design. */
@Path("/admins")
@Tag(name = "Bootstrap")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Scopes.ADMIN)
public class AdminResource {

    private final Authentik authentik;
    private final AdminService service;

    AdminResource(Authentik authentik, AdminService service) {
        this.authentik = authentik;
        this.service = service;
    }

    @PUT
    @Path("/{username}")
    @Operation(summary = "Ensure your own administrator (and retire akadmin)",
            description = "Ensures an active internal user in 'authentik Admins' with this name and email. The "
                    + "password is set when the user is created (generated and answered once when none is sent), "
                    + "once for a user this service never set a password for, or with resetPassword=true; otherwise "
                    + "a repeated call changes nothing. With deactivateAkadmin, akadmin is then deactivated, only "
                    + "after checking that this admin is an active superuser with a password this service set and "
                    + "that the service no longer calls authentik with akadmin's token; otherwise 409 and nothing "
                    + "is written.")
    @APIResponse(responseCode = "409", description = "akadmin would be the last superuser who can log in, the service "
            + "still uses akadmin's token (run POST /bootstrap/service-account first), or 'authentik Admins' is missing")
    public RestResponse<AdminResult> ensure(
            @PathParam("username") @Size(max = 150) @Pattern(regexp = Patterns.USERNAME,
                    message = Patterns.USERNAME_MESSAGE) String username,
            @Valid @NotNull AdminRequest body,
            @Parameter(description = "Set the password even when this service set one before (a new one is generated "
                    + "and answered when none is sent)") @QueryParam("resetPassword") boolean resetPassword,
            @Parameter(description = "Only report the plan; write nothing") @QueryParam("dryRun") boolean dryRun) {
        boolean generated = body.password() == null;
        Admin spec = body.toAdmin(username, generated ? AdminService.generatedPassword() : body.password());
        return RecipeReport.respond(service.ensure(authentik.session(), spec, generated, resetPassword, dryRun));
    }
}
