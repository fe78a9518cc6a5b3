package io.github.authentikprovisioner.forwardauth;

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

/** Domain-level forward auth: one call instead of the ~20 clicks of the seed's "Applications setup". */
@Path("/forward-auth")
@Tag(name = "Forward auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Scopes.ADMIN)
public class ForwardAuthResource {

    private final Authentik authentik;
    private final ForwardAuthService service;

    ForwardAuthResource(Authentik authentik, ForwardAuthService service) {
        this.authentik = authentik;
        this.service = service;
    }

    @PUT
    @Operation(summary = "Ensure domain-level forward auth",
            description = "Ensures the forward_domain proxy provider, its application, and its assignment to the "
                    + "embedded outpost (with authentik_host set). Idempotent: a repeated call makes no writes.")
    public RestResponse<ForwardAuthResult> ensure(@Valid @NotNull ForwardAuth body,
            @Parameter(description = "Only report the plan; write nothing") @QueryParam("dryRun") boolean dryRun) {
        return RecipeReport.respond(service.run(authentik.session(), body, dryRun));
    }
}
