package io.github.authentikprovisioner.authentik;

import java.util.Map;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.jboss.resteasy.reactive.RestQuery;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The list/create/read/patch/delete calls every authentik object collection offers ({@code /<area>/<type>/}).
 * Each area interface inherits these under its own base path.
 */
interface CrudApi {

    @GET
    @Path("{type}/")
    Page list(@PathParam("type") String type, @RestQuery Map<String, String> filters, @QueryParam("page") int page,
            @QueryParam("page_size") int pageSize);

    @POST
    @Path("{type}/")
    ObjectNode create(@PathParam("type") String type, ObjectNode body);

    @GET
    @Path("{type}/{id}/")
    ObjectNode get(@PathParam("type") String type, @PathParam("id") String id);

    @PATCH
    @Path("{type}/{id}/")
    ObjectNode patch(@PathParam("type") String type, @PathParam("id") String id, ObjectNode body);

    @DELETE
    @Path("{type}/{id}/")
    void delete(@PathParam("type") String type, @PathParam("id") String id);
}
