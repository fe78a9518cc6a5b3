package io.github.authentikprovisioner.oidc;

import io.github.authentikprovisioner.api.ProvisionerApi;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import io.quarkus.security.Authenticated;
import io.github.authentikprovisioner.access.Scopes;
import io.github.authentikprovisioner.access.Access;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.github.authentikprovisioner.api.Problem;
import io.github.authentikprovisioner.api.RecipeReport;
import io.github.authentikprovisioner.authentik.Authentik;
import io.github.authentikprovisioner.recipes.Patterns;

/**
 * OIDC applications (seed: "Nextcloud", "Synology", "Immich", "Inventree"): a container calls this at startup and
 * configures itself from the answer, so the call is idempotent and hands back the same credentials every time.
 */
@Path("/apps/oidc")
@Tag(name = "OIDC applications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OidcAppResource {

    private static final String SENSITIVE = "x-sensitive";

    private final Authentik authentik;
    private final OidcAppService service;
    private final Access access;

    OidcAppResource(Authentik authentik, OidcAppService service, Access access) {
        this.authentik = authentik;
        this.service = service;
        this.access = access;
    }

    @POST
    @Authenticated
    @SecurityRequirement(name = ProvisionerApi.BEARER, scopes = { Scopes.ADMIN, "apps/oidc/{slug}" })
    @Operation(summary = "Ensure an OIDC application",
            description = "Ensures the OAuth2/OpenID provider, the application and the preset's groups, scope mapping, "
                    + "access gate and settings, and answers with the provider's credentials and the client-side "
                    + "setup. Idempotent: a repeated call makes no writes and returns the same client id and secret. "
                    + "The answer carries the client secret: never log it.")
    @Extension(name = SENSITIVE, value = "true", parseValue = true)
    @APIResponse(responseCode = "200", description = "Nothing was created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OidcAppResult.class)))
    @APIResponse(responseCode = "409", description = "The slug or provider name belongs to an application that is "
            + "not OIDC or to another application, or a default object of a fresh install is missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<OidcAppResult> ensure(@Valid @NotNull OidcApp body,
            @Parameter(description = "Only report the plan; write nothing") @QueryParam("dryRun") boolean dryRun) {
        access.requireApp("oidc", body.slug());
        return RecipeReport.respond(service.run(authentik.session(), body, dryRun));
    }

    @GET
    @RolesAllowed({ Scopes.ADMIN, Scopes.READ })
    @Operation(summary = "List the OIDC applications this service manages",
            description = "Slug, name, recognised preset, provider and client id of each; no secrets.")
    public OidcAppSummary.Page list() {
        return service.list(authentik.session());
    }

    @GET
    @Path("{slug}")
    @Authenticated
    @SecurityRequirement(name = ProvisionerApi.BEARER, scopes = { Scopes.ADMIN, Scopes.READ, "apps/oidc/{slug}" })
    @Operation(summary = "Read an OIDC application with its credentials and setup",
            description = "The same body as the POST answers (status unchanged), read from authentik: a restarted "
                    + "container gets its credentials back. Carries the client secret: never log it.")
    @Extension(name = SENSITIVE, value = "true", parseValue = true)
    @APIResponse(responseCode = "200", description = "The application, its credentials and setup",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OidcAppResult.class)))
    @APIResponse(responseCode = "404", description = "No such application",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The application is not managed by this service or not OIDC",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public OidcAppResult get(
            @PathParam("slug") @Size(max = 50) @Pattern(regexp = Patterns.SLUG, message = Patterns.SLUG_MESSAGE) String slug) {
        access.requireAppRead("oidc", slug);
        return service.get(authentik.session(), slug);
    }

    @DELETE
    @Path("{slug}")
    @RolesAllowed(Scopes.ADMIN)
    @Operation(summary = "Delete an OIDC application this service manages",
            description = "Deletes the application and its provider. Its groups and its scope mapping are deleted "
                    + "too unless another application, a binding elsewhere or group members still use them; those "
                    + "only lose this application's marker and are listed in 'kept'. 404 for an unknown slug, 409 "
                    + "for an application this service does not manage.")
    @APIResponse(responseCode = "200", description = "What was (or, with dryRun, would be) deleted and kept",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OidcAppDeleteResult.class)))
    @APIResponse(responseCode = "404", description = "No such application",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The application is not managed by this service or not OIDC",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public OidcAppDeleteResult delete(
            @PathParam("slug") @Size(max = 50) @Pattern(regexp = Patterns.SLUG, message = Patterns.SLUG_MESSAGE) String slug,
            @Parameter(description = "Only report the plan; write nothing") @QueryParam("dryRun") boolean dryRun) {
        return service.delete(authentik.session(), slug, dryRun);
    }
}
