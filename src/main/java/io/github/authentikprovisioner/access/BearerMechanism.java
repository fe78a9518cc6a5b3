package io.github.authentikprovisioner.access;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads {@code Authorization: Bearer <token>} for Quarkus security ({@link ClientIdentityProvider} says whose it is).
 * A request without one, or with one nobody has, gets 401 problem+json with {@code WWW-Authenticate}.
 */
@ApplicationScoped
class BearerMechanism implements HttpAuthenticationMechanism {

    private static final String REALM = "Bearer realm=\"authentik-provisioner\"";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() <= 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Uni.createFrom().optional(java.util.Optional.empty());
        }
        // a token nobody has counts as no token: the request is then refused like one without, by the challenge below
        return identities.authenticate(new TokenAuthenticationRequest(
                new TokenCredential(header.substring(7).strip(), "bearer")))
                .onFailure(AuthenticationFailedException.class).recoverWithNull();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", REALM));
    }

    /** The 401 as problem+json, like every other refusal of this API. */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        boolean sent = context.request().getHeader(HttpHeaders.AUTHORIZATION) != null;
        JsonObject problem = new JsonObject().put("type", "about:blank").put("title", "Unauthorized")
                .put("status", 401)
                .put("detail", sent ? "The bearer token is not valid for this service"
                        : "Send 'Authorization: Bearer <token>' (PROVISIONER_API_TOKEN or a client's token)")
                .put("instance", context.normalizedPath());
        if (!context.response().ended()) {
            context.response().setStatusCode(401).putHeader("WWW-Authenticate", REALM)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json").end(problem.encode());
        }
        return Uni.createFrom().item(true);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }
}
