package io.github.authentikprovisioner.login;

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

/** Single page login: the seed's "Single page login" in one call. */
@Path("/login")
@Tag(name = "Login and security")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Scopes.ADMIN)
public class LoginResource {

    private final Authentik authentik;
    private final LoginService service;

    LoginResource(Authentik authentik, LoginService service) {
        this.authentik = authentik;
        this.service = service;
    }

    @PUT
    @Operation(summary = "Ensure the login page layout",
            description = "Puts default-authentication-password on the identification page of "
                    + "default-authentication-identification (with \"remember me\" as asked) and unbinds it from "
                    + "default-authentication-flow; false restores the two-page login. 409 names a missing default "
                    + "object. Idempotent: a repeated call makes no writes.")
    public RestResponse<LoginResult> ensure(@Valid @NotNull Login body,
            @Parameter(description = "Only report the plan; write nothing") @QueryParam("dryRun") boolean dryRun) {
        return RecipeReport.respond(service.run(authentik.session(), body, dryRun));
    }
}
