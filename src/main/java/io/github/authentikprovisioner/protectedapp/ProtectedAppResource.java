package io.github.authentikprovisioner.protectedapp;

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

/** An app behind sign-in, open to one group: how this service's own Swagger UI is protected in the deployed stack. */
@Path("/apps/protected")
@Tag(name = "Protected apps")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProtectedAppResource {

    private final Authentik authentik;
    private final ProtectedAppService service;

    ProtectedAppResource(Authentik authentik, ProtectedAppService service) {
        this.authentik = authentik;
        this.service = service;
    }

    @PUT
    @Operation(summary = "Ensure an app behind sign-in, open to one group",
            description = "Ensures a forward_single proxy provider for externalHost, its application gated by "
                    + "accessGroup alone (other groups bound to it earlier are unbound), and the provider on the "
                    + "embedded outpost. Idempotent: a repeated call makes no writes.")
    public RestResponse<ProtectedAppResult> ensure(@Valid @NotNull ProtectedApp body,
            @Parameter(description = "Only report the plan; write nothing") @QueryParam("dryRun") boolean dryRun) {
        return RecipeReport.respond(service.run(authentik.session(), body, dryRun));
    }
}
