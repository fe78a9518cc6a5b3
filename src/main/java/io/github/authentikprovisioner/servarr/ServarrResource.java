package io.github.authentikprovisioner.servarr;

import io.github.authentikprovisioner.api.ProvisionerApi;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import io.quarkus.security.Authenticated;
import io.github.authentikprovisioner.access.Scopes;
import io.github.authentikprovisioner.access.Access;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
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

/** Servarr apps with HTTP-Basic forwarding: one call per app instead of the seed's per-app clicks. */
@Path("/apps/servarr")
@Tag(name = "Servarr apps")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ServarrResource {

    private final Authentik authentik;
    private final ServarrService service;
    private final Access access;

    ServarrResource(Authentik authentik, ServarrService service, Access access) {
        this.authentik = authentik;
        this.service = service;
        this.access = access;
    }

    @POST
    @Authenticated
    @SecurityRequirement(name = ProvisionerApi.BEARER, scopes = { Scopes.ADMIN, "apps/servarr/{slug}" })
    @Operation(summary = "Ensure a Servarr app",
            description = "Ensures the group attributes <slug>_user/<slug>_password (other keys kept), optional "
                    + "members, a forward_single proxy provider sending HTTP-Basic credentials, the application, and "
                    + "its assignment to the embedded outpost. The password is never echoed. Idempotent.")
    public RestResponse<ServarrResult> ensure(@Valid @NotNull ServarrApp body,
            @Parameter(description = "Only report the plan; write nothing") @QueryParam("dryRun") boolean dryRun) {
        access.requireApp("servarr", body.slug());
        return RecipeReport.respond(service.run(authentik.session(), body, dryRun));
    }

    @GET
    @RolesAllowed({ Scopes.ADMIN, Scopes.READ })
    @Operation(summary = "List Servarr apps", description = "Every Servarr app this service manages, with whether the "
            + "embedded outpost serves it. Four authentik calls whatever the number of apps.")
    public List<ServarrAppState> list() {
        return service.list(authentik.session());
    }

    @GET
    @Path("/{slug}")
    @Authenticated
    @SecurityRequirement(name = ProvisionerApi.BEARER, scopes = { Scopes.ADMIN, Scopes.READ, "apps/servarr/{slug}" })
    @Operation(summary = "One Servarr app")
    @APIResponse(responseCode = "404", description = "No Servarr app with that slug is managed here")
    public ServarrAppState get(
            @PathParam("slug") @Size(max = 50) @Pattern(regexp = Patterns.SLUG, message = Patterns.SLUG_MESSAGE) String slug) {
        access.requireAppRead("servarr", slug);
        return service.one(authentik.session(), slug)
                .orElseThrow(() -> new NotFoundException("no Servarr app '" + slug + "' is managed here"));
    }

    @DELETE
    @Path("/{slug}")
    @RolesAllowed(Scopes.ADMIN)
    @Operation(summary = "Remove a Servarr app",
            description = "Takes its provider off the embedded outpost, deletes its application and provider, and "
                    + "removes its two attribute keys from the group. Other apps, keys and outpost providers stay. "
                    + "Only objects this service created are touched.")
    @APIResponse(responseCode = "404", description = "No application with that slug")
    @APIResponse(responseCode = "409", description = "The application was not created by this service")
    public RestResponse<ServarrResult> remove(
            @PathParam("slug") @Size(max = 50) @Pattern(regexp = Patterns.SLUG, message = Patterns.SLUG_MESSAGE) String slug,
            @Parameter(description = "Only report the plan; write nothing") @QueryParam("dryRun") boolean dryRun) {
        return RecipeReport.respond(service.remove(authentik.session(), slug, dryRun));
    }
}
