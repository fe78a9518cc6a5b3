package io.github.authentikprovisioner.authentik;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;

/** authentik's {@code /admin/} endpoints: system settings. */
@Path("/admin")
@RegisterRestClient(configKey = "authentik")
@RegisterClientHeaders(BearerToken.class)
interface AdminApi {

    @GET
    @Path("settings/")
    ObjectNode settings();

    /** PATCH without {@code flags}: sending flags would require all of them (API-NOTES §11.1). */
    @PATCH
    @Path("settings/")
    ObjectNode patchSettings(ObjectNode body);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return AuthentikErrors.from(response);
    }
}
