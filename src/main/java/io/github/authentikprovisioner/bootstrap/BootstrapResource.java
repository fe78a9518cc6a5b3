package io.github.authentikprovisioner.bootstrap;

import io.github.authentikprovisioner.access.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.github.authentikprovisioner.api.RecipeReport;

/** The service's own identity in authentik: the hand-over from the first token to its own, on demand. */
@Path("/bootstrap")
@Tag(name = "Bootstrap")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Scopes.ADMIN)
public class BootstrapResource {

    private final ServiceAccountHandover handover;

    BootstrapResource(ServiceAccountHandover handover) {
        this.handover = handover;
    }

    @POST
    @Path("/service-account")
    @Operation(summary = "Hand over to the service's own token",
            description = "Runs the hand-over the service makes on its own after start. When AUTHENTIK_SERVICE_TOKEN "
                    + "already answers as the service account it is used and nothing is written. Otherwise, with "
                    + "AUTHENTIK_TOKEN: the user 'authentik-provisioner' (type service_account) in 'authentik "
                    + "Admins', its non-expiring API token 'authentik-provisioner', that token's key set to "
                    + "AUTHENTIK_SERVICE_TOKEN, a check that authentik answers the key as the service account, and "
                    + "only then every call uses it. A failed step leaves the token in use as it was; the answer "
                    + "names the step and what to do. 409 without AUTHENTIK_SERVICE_TOKEN or when it is another "
                    + "user's key. Keys are never answered or logged.")
    public RestResponse<ServiceAccountResult> handOver(
            @Parameter(description = "Only report the plan; write nothing") @QueryParam("dryRun") boolean dryRun) {
        return RecipeReport.respond(handover.run(dryRun));
    }
}
