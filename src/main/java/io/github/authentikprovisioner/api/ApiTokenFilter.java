package io.github.authentikprovisioner.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.github.authentikprovisioner.config.ProvisionerConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Guards every HTTP path of this service, Quarkus' own {@code /q/*} ones included, with the bearer token
 * {@code PROVISIONER_API_TOKEN}; only the configured public paths (health probes by default) are open.
 * The token is compared in constant time through SHA-256 digests, so neither content nor length leaks.
 *
 * <p>Created at start (it registers itself with the router), so a token shorter than {@value #MIN_LENGTH} characters
 * stops the start, naming the variable and never the value.
 */
@ApplicationScoped
class ApiTokenFilter {

    private static final int PRIORITY = 10_000;
    static final int MIN_LENGTH = 32;

    private final ProvisionerConfig config;
    private final byte[] expected;

    ApiTokenFilter(ProvisionerConfig config) {
        this.config = config;
        if (config.apiToken().isBlank() || config.apiToken().length() < MIN_LENGTH) {
            throw new IllegalStateException("PROVISIONER_API_TOKEN must be at least " + MIN_LENGTH
                    + " characters long (deploy/init.sh generates one)");
        }
        this.expected = sha256(config.apiToken());
    }

    void register(@Observes Filters filters) {
        filters.register(this::filter, PRIORITY);
    }

    private void filter(RoutingContext rc) {
        String path = rc.normalizedPath();
        if (isPublic(path) || authorized(rc.request().getHeader(HttpHeaders.AUTHORIZATION))) {
            rc.next();
            return;
        }
        boolean sent = rc.request().getHeader(HttpHeaders.AUTHORIZATION) != null;
        JsonObject problem = new JsonObject().put("type", "about:blank").put("title", "Unauthorized")
                .put("status", 401)
                .put("detail", sent ? "The bearer token is not valid for this service"
                        : "Send 'Authorization: Bearer <PROVISIONER_API_TOKEN>'")
                .put("instance", path);
        rc.response().setStatusCode(401)
                .putHeader("WWW-Authenticate", "Bearer realm=\"authentik-provisioner\"")
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(problem.encode());
    }

    private boolean isPublic(String path) {
        for (String prefix : config.publicPaths()) {
            if (path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/")) {
                return true;
            }
        }
        return false;
    }

    private boolean authorized(String header) {
        if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(expected, sha256(header.substring(7).trim()));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
