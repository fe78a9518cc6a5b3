package io.github.authentikprovisioner.desiredstate;

import io.github.authentikprovisioner.access.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.github.authentikprovisioner.api.ProvisionerApi;

/** A whole setup in one document: every recipe of the guide is one line of it. */
@Path("/desired-state")
@Tag(name = "Desired state")
@Produces(MediaType.APPLICATION_JSON)
public class DesiredStateResource {

    private final DesiredStateApplier applier;
    private final DesiredStateSchedule schedule;

    DesiredStateResource(DesiredStateApplier applier, DesiredStateSchedule schedule) {
        this.applier = applier;
        this.schedule = schedule;
    }

    @POST
    @RolesAllowed(Scopes.ADMIN)
    @Consumes({ ProvisionerApi.YAML, MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN })
    @Operation(summary = "Apply a desired-state document",
            description = "A YAML or JSON list whose items each name one recipe and its request, e.g. "
                    + "'- forwardAuth: {cookieDomain: example.com}'. Every entry is validated before anything is "
                    + "applied (400 naming '[index].recipe.field'); then the entries run in order through the same "
                    + "code as their endpoints. A failing entry stops the run with its own error; running the "
                    + "document again converges. ${VARIABLES} are not expanded here (only in the configured file).")
    @RequestBody(content = @Content(mediaType = ProvisionerApi.YAML, schema = @Schema(type = SchemaType.STRING,
            examples = "- forwardAuth: {cookieDomain: example.com}\n- servarr: {name: Prowlarr, slug: prowlarr, "
                    + "externalHost: https://prowlarr.example.com, username: admin, password: s3cret}")))
    public RestResponse<DesiredStateReport> apply(String document,
            @Parameter(description = "Only report the plan; write nothing") @QueryParam("dryRun") boolean dryRun) {
        DesiredStateReport report = applier.apply(DesiredStateDocument.parse(document), dryRun);
        return report.status() == io.github.authentikprovisioner.reconcile.Status.CREATED
                ? RestResponse.status(RestResponse.Status.CREATED, report) : RestResponse.ok(report);
    }

    @GET
    @Path("/last-run")
    @RolesAllowed({ Scopes.ADMIN, Scopes.READ })
    @Operation(summary = "The last scheduled run of the desired-state file",
            description = "When PROVISIONER_DESIRED_STATE_FILE is set, it is applied as soon as authentik answers "
                    + "after start and then every PROVISIONER_RECONCILE_INTERVAL. While authentik does not answer "
                    + "(unreachable, 5xx, too slow, token refused) it is tried again after 1 s, 2 s, 4 s, ... up to "
                    + "the interval, and waitingForAuthentik counts the attempts since the first one; 'at' and "
                    + "'error' are the last attempt's, 'nextRunAt' the next one. A run that fails for another reason "
                    + "(an invalid document, a conflict) is tried again an interval later. 404 before the first run "
                    + "or without a file.")
    public DesiredStateSchedule.LastRun lastRun() {
        return schedule.lastRun().orElseThrow(() -> new NotFoundException("no scheduled run yet"));
    }
}
