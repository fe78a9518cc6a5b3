package io.github.authentikprovisioner.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * A body announced larger than {@code quarkus.http.limits.max-body-size} is refused with a 413 problem+json before a
 * byte of it is read, like every other refusal of this API. (A chunked body without a length that grows past the
 * limit is still cut off by the HTTP server itself, with its own 413.)
 */
@ApplicationScoped
class BodyLimit {

    /** Before the bearer-token check: an oversized body is refused whoever sends it. */
    private static final int PRIORITY = 20_000;

    private final long limit;

    BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
        this.limit = limit.asLongValue();
    }

    void register(@Observes Filters filters) {
        filters.register(this::filter, PRIORITY);
    }

    private void filter(RoutingContext rc) {
        String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long announced;
        try {
            announced = length == null ? -1 : Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            announced = -1;
        }
        if (announced <= limit) {
            rc.next();
            return;
        }
        JsonObject problem = new JsonObject().put("type", "about:blank").put("title", "Content Too Large")
                .put("status", 413)
                .put("detail", "The request body has " + announced + " bytes; at most " + limit + " are accepted")
                .put("instance", rc.normalizedPath());
        rc.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close").end(problem.encode());
    }
}
