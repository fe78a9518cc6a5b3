package io.github.authentikprovisioner.traefik;

import io.github.authentikprovisioner.access.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import io.github.authentikprovisioner.api.ProvisionerApi;
import io.github.authentikprovisioner.authentik.Authentik;

/** The Traefik side, served to Traefik itself: point its HTTP provider (or a file) at this. */
@Path("/traefik")
@Tag(name = "Traefik")
public class TraefikResource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML_MAPPER = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private final Authentik authentik;
    private final TraefikConfig config;

    TraefikResource(Authentik authentik, TraefikConfig config) {
        this.authentik = authentik;
        this.config = config;
    }

    @GET
    @Path("/dynamic-config")
    @RolesAllowed({ Scopes.ADMIN, Scopes.READ, Scopes.TRAEFIK })
    @Produces({ MediaType.APPLICATION_JSON, ProvisionerApi.YAML })
    @Operation(summary = "Traefik dynamic configuration for authentik",
            description = "The full document every time, built from authentik's live state: the forwardAuth "
                    + "middlewares authentik-auth and authentik-auth-http, default-security-headers, the chains "
                    + "authentik and authentik-http, and for every single-application host a router sending "
                    + "/outpost.goauthentik.io/ to the outpost. JSON for Traefik's HTTP provider; "
                    + "?format=yaml for the file provider.")
    @APIResponse(responseCode = "200", description = "Traefik v3 dynamic configuration",
            content = { @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)),
                    @Content(mediaType = ProvisionerApi.YAML, schema = @Schema(type = SchemaType.STRING)) })
    public Response dynamicConfig(
            @Parameter(description = "json (for the HTTP provider) or yaml (for the file provider)")
            @QueryParam("format") @DefaultValue("json")
            @Pattern(regexp = "json|yaml", message = "must be json or yaml") String format)
            throws JsonProcessingException {
        ObjectNode document = DynamicConfig.build(ProtectedHosts.read(authentik.session()), config);
        if (format.equals("yaml")) {
            return Response.ok(YAML_MAPPER.writeValueAsString(document), ProvisionerApi.YAML).build();
        }
        return Response.ok(JSON.writeValueAsString(document), MediaType.APPLICATION_JSON).build();
    }
}
