package io.github.authentikprovisioner.traefik;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Traefik's dynamic configuration for authentik (seed: the middleware snippets, "Servarr apps"): the forwardAuth
 * middlewares {@code authentik-auth} and {@code authentik-auth-http} (the latter passes the {@code authorization}
 * header authentik fills with HTTP-Basic credentials), a security-headers middleware, the chains {@code authentik}
 * and {@code authentik-http}, and for every single-application host a router sending its
 * {@code /outpost.goauthentik.io/} paths to the outpost, at {@link TraefikConfig#outpostRouterPriority()} so that it
 * outranks the app's own router there. Pure: the same hosts give the same document.
 *
 * <p>Why that router matters (internal/outpost/proxyv2/application/application.go, mode_forward.go, 2026.2.2): the
 * forward-auth check itself recognises the sign-in callback and the {@code X-authentik-logout} query signature, but
 * {@code /outpost.goauthentik.io/sign_out} (the logout URL authentik documents), {@code /start} and the outpost's
 * {@code /static} error-page assets are only answered when Traefik sends the request to the outpost; through the
 * app's router a signed-in user's sign-out passes the check and lands in the app.
 */
public final class DynamicConfig {

    /** The headers the outpost answers with that applications may use (seed list plus entitlements). */
    static final List<String> AUTH_RESPONSE_HEADERS = List.of("X-authentik-username", "X-authentik-groups",
            "X-authentik-entitlements", "X-authentik-email", "X-authentik-name", "X-authentik-uid",
            "X-authentik-jwt", "X-authentik-meta-jwks", "X-authentik-meta-outpost", "X-authentik-meta-provider",
            "X-authentik-meta-app", "X-authentik-meta-version");
    static final String OUTPOST_SERVICE = "authentik-outpost";

    private static final ObjectMapper JSON = new ObjectMapper();

    private DynamicConfig() {
    }

    public static ObjectNode build(List<ProtectedHost> hosts, TraefikConfig config) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode http = root.putObject("http");

        ObjectNode middlewares = http.putObject("middlewares");
        forwardAuth(middlewares.putObject("authentik-auth"), config, false);
        forwardAuth(middlewares.putObject("authentik-auth-http"), config, true);
        ObjectNode headers = middlewares.putObject("default-security-headers").putObject("headers");
        headers.put("stsSeconds", 31_536_000).put("stsIncludeSubdomains", true).put("stsPreload", true)
                .put("forceSTSHeader", true).put("contentTypeNosniff", true).put("frameDeny", true)
                .put("referrerPolicy", "strict-origin-when-cross-origin");
        chain(middlewares.putObject("authentik"), "authentik-auth");
        chain(middlewares.putObject("authentik-http"), "authentik-auth-http");

        if (!hosts.isEmpty()) {
            ObjectNode routers = http.putObject("routers");
            for (ProtectedHost host : hosts) {
                ObjectNode router = routers.putObject(host.outpostRouter());
                router.put("rule", host.outpostRule()).put("priority", config.outpostRouterPriority())
                        .put("service", OUTPOST_SERVICE);
                if (host.https()) {
                    router.putObject("tls");
                }
            }
        }
        http.putObject("services").putObject(OUTPOST_SERVICE).putObject("loadBalancer").putArray("servers")
                .addObject().put("url", config.outpostUrl());
        return root;
    }

    private static void forwardAuth(ObjectNode middleware, TraefikConfig config, boolean basicAuth) {
        ObjectNode fa = middleware.putObject("forwardAuth");
        fa.put("address", config.forwardAuthAddress()).put("trustForwardHeader", true);
        ArrayNode headers = fa.putArray("authResponseHeaders");
        AUTH_RESPONSE_HEADERS.forEach(headers::add);
        if (basicAuth) {
            headers.add("authorization");
        }
        config.responseBodyLimit().ifPresent(limit -> fa.put("maxResponseBodySize", limit));
    }

    private static void chain(ObjectNode middleware, String forwardAuth) {
        middleware.putObject("chain").putArray("middlewares").add(forwardAuth).add("default-security-headers");
    }
}
