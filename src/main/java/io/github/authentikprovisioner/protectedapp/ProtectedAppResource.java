package io.github.authentikprovisioner.protectedapp;

import io.github.authentikprovisioner.api.ProvisionerApi;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import io.quarkus.security.Authenticated;
import io.github.authentikprovisioner.access.Scopes;
import io.github.authentikprovisioner.access.Access;
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
    private final Access access;

    ProtectedAppResource(Authentik authentik, ProtectedAppService service, Access access) {
        this.authentik = authentik;
        this.service = service;
        this.access = access;
    }

    @PUT
    @Authenticated
    @SecurityRequirement(name = ProvisionerApi.BEARER, scopes = { Scopes.ADMIN, "apps/protected/{slug}" })
    @Operation(summary = "Ensure an app behind sign-in, open to one group",
            description = "Ensures a forward_single proxy provider for externalHost, its application gated by "
                    + "accessGroup alone (other groups bound to it earlier are unbound), and the provider on the "
                    + "embedded outpost. Idempotent: a repeated call makes no writes.")
    public RestResponse<ProtectedAppResult> ensure(@Valid @NotNull ProtectedApp body,
            @Parameter(description = "Only report the plan; write nothing") @QueryParam("dryRun") boolean dryRun) {
        access.requireApp("protected", body.slug());
        return RecipeReport.respond(service.run(authentik.session(), body, dryRun));
    }
}
