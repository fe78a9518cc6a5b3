package io.github.authentikprovisioner.authentik;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;

/**
 * {@code GET /core/users/me/} with a key of our choosing rather than the one in use ({@link CurrentToken}): how the
 * hand-over learns whose a configured token is before any call is switched to it. Without {@link BearerToken}, so
 * the header given here is the one sent.
 */
@Path("/core")
@RegisterRestClient(configKey = "authentik")
interface KeyProbeApi {

    @GET
    @Path("users/me/")
    ObjectNode me(@HeaderParam("Authorization") String authorization,
            @HeaderParam("Accept-Language") String language);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return AuthentikErrors.from(response);
    }
}
