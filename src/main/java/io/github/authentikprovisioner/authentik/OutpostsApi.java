package io.github.authentikprovisioner.authentik;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.node.ArrayNode;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;

/** authentik's {@code /outposts/} endpoints. */
@Path("/outposts")
@RegisterRestClient(configKey = "authentik")
@RegisterClientHeaders(BearerToken.class)
interface OutpostsApi extends CrudApi {

    /**
     * The outpost's instances that said hello in the last 15 s, unpaginated ({@code OutpostHealth}; the entries live
     * in authentik's cache: authentik/outposts/api/outposts.py {@code health}, authentik/outposts/models.py).
     */
    @GET
    @Path("instances/{uuid}/health/")
    ArrayNode health(@PathParam("uuid") String uuid);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return AuthentikErrors.from(response);
    }
}
