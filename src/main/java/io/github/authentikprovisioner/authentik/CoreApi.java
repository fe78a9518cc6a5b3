package io.github.authentikprovisioner.authentik;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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

    /**
     * Gives a token the key in {@code body} ({@code {"key": …}}), answered 204: an action, the key is never read
     * back (authentik/core/api/tokens.py set_key).
     */
    @POST
    @Path("tokens/{identifier}/set_key/")
    void setKey(@PathParam("identifier") String identifier, ObjectNode body);

    /**
     * Sets a user's password from {@code body} ({@code {"password": …}}), answered 204: an action, no answer shows
     * a password (authentik/core/api/users.py set_password).
     */
    @POST
    @Path("users/{id}/set_password/")
    void setPassword(@PathParam("id") String id, ObjectNode body);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return AuthentikErrors.from(response);
    }
}
