package io.github.authentikprovisioner.authentik;

import java.util.Map;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestQuery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;

/**
 * authentik's API as this service calls it, with the token in use ({@link BearerToken}): the list, create, read,
 * patch and delete every collection offers at {@code /<area>/<type>/} ({@link Kind#area()}, {@link Kind#type()}, each
 * possibly of several segments, hence {@link Encoded}: their slashes stay path separators), and the few actions that
 * are not state. Errors become {@link AuthentikException}s.
 */
@Path("/")
@RegisterRestClient(configKey = "authentik")
@RegisterClientHeaders(BearerToken.class)
interface AuthentikApi {

    @GET
    @Path("{area}/{type}/")
    Page list(@Encoded @PathParam("area") String area, @Encoded @PathParam("type") String type,
            @RestQuery Map<String, String> filters, @QueryParam("page") int page, @QueryParam("page_size") int pageSize);

    @POST
    @Path("{area}/{type}/")
    ObjectNode create(@Encoded @PathParam("area") String area, @Encoded @PathParam("type") String type,
            ObjectNode body);

    @GET
    @Path("{area}/{type}/{id}/")
    ObjectNode get(@Encoded @PathParam("area") String area, @Encoded @PathParam("type") String type,
            @PathParam("id") String id);

    @PATCH
    @Path("{area}/{type}/{id}/")
    ObjectNode patch(@Encoded @PathParam("area") String area, @Encoded @PathParam("type") String type,
            @PathParam("id") String id, ObjectNode body);

    @DELETE
    @Path("{area}/{type}/{id}/")
    void delete(@Encoded @PathParam("area") String area, @Encoded @PathParam("type") String type,
            @PathParam("id") String id);

    /** The user the token belongs to; the cheapest call that proves the token works. */
    @GET
    @Path("core/users/me/")
    ObjectNode me();

    /**
     * Gives a token the key in {@code body} ({@code {"key": …}}), answered 204: an action, the key is never read
     * back (authentik/core/api/tokens.py set_key).
     */
    @POST
    @Path("core/tokens/{identifier}/set_key/")
    void setKey(@PathParam("identifier") String identifier, ObjectNode body);

    /**
     * Sets a user's password from {@code body} ({@code {"password": …}}), answered 204: an action, no answer shows
     * a password (authentik/core/api/users.py set_password).
     */
    @POST
    @Path("core/users/{id}/set_password/")
    void setPassword(@PathParam("id") String id, ObjectNode body);

    /**
     * The outpost's instances that said hello in the last 15 s, unpaginated ({@code OutpostHealth}; the entries live
     * in authentik's cache: authentik/outposts/api/outposts.py {@code health}, authentik/outposts/models.py).
     */
    @GET
    @Path("outposts/instances/{uuid}/health/")
    ArrayNode health(@PathParam("uuid") String uuid);

    /**
     * Whether the user {@code forUser} (a pk) may open the application {@code slug}, as authentik's policy engine
     * decides; {@code for_user} is honoured for a superuser caller only (authentik/core/api/applications.py
     * {@code check_access}).
     */
    @GET
    @Path("core/applications/{slug}/check_access/")
    ObjectNode checkAccess(@PathParam("slug") String slug, @QueryParam("for_user") String forUser);

    /** The system settings, a singleton. */
    @GET
    @Path("admin/settings/")
    ObjectNode settings();

    /** PATCH without {@code flags}: sending flags would require all of them (API-NOTES §11.1). */
    @PATCH
    @Path("admin/settings/")
    ObjectNode patchSettings(ObjectNode body);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return AuthentikErrors.from(response);
    }
}
