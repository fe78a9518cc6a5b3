package io.github.authentikprovisioner.outposthealth;

import io.github.authentikprovisioner.access.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Is every app really protected? The last outpost check, or a new one. */
@Path("/outposts/health")
@Tag(name = "Outposts")
@Produces(MediaType.APPLICATION_JSON)
public class OutpostHealthResource {

    private final OutpostHealthService service;

    OutpostHealthResource(OutpostHealthService service) {
        this.service = service;
    }

    @GET
    @RolesAllowed({ Scopes.ADMIN, Scopes.READ })
    @Operation(summary = "Outpost assignment health",
            description = "The last check (every PROVISIONER_OUTPOST_CHECK_INTERVAL) of every outpost's heartbeat and "
                    + "config and of every host an outpost should protect, asked of the embedded outpost exactly as "
                    + "Traefik asks it (scheduled checks ask only about hosts that may have changed or are not served, "
                    + "and about all every PROVISIONER_OUTPOST_FULL_PROBE_INTERVAL). With refresh=true a check runs "
                    + "now (after the one running, if any) and asks about every host; it heals what this service "
                    + "manages unless PROVISIONER_OUTPOST_HEAL=false.")
    public OutpostHealthReport health(
            @Parameter(description = "Run a check now instead of answering the last one") @QueryParam("refresh")
            boolean refresh) {
        return refresh ? service.checkNow() : service.last();
    }
}
