package io.github.authentikprovisioner.authentik;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;

/** authentik's {@code /core/} endpoints. */
@Path("/core")
@RegisterRestClient(configKey = "authentik")
@RegisterClientHeaders(BearerToken.class)
interface CoreApi extends CrudApi {

    /** The user the token belongs to; the cheapest call that proves the token works. */
    @GET
    @Path("users/me/")
    ObjectNode me();

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return AuthentikErrors.from(response);
    }
}
