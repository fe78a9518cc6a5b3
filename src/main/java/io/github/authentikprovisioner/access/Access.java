package io.github.authentikprovisioner.access;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The scope checks an annotation cannot say: one app's scope ({@code apps/oidc/nextcloud}) is known only from the
 * request, for a POST only from its body (the slug it would create or converge). Endpoints with fixed scopes say them
 * with {@code @RolesAllowed}.
 */
@ApplicationScoped
public class Access {

    private final SecurityIdentity identity;

    Access(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** Goes on when the caller has any of {@code scopes}; otherwise 403 naming them. */
    public void require(String... scopes) {
        for (String scope : scopes) {
            if (identity.hasRole(scope)) {
                return;
            }
        }
        throw new MissingScope(List.of(scopes));
    }

    /** {@code admin}, or the scope of this one app ({@code apps/<type>/<slug>}). */
    public void requireApp(String type, String slug) {
        require(Scopes.ADMIN, Scopes.app(type, slug));
    }

    /** {@code admin}, {@code read}, or the scope of this one app. */
    public void requireAppRead(String type, String slug) {
        require(Scopes.ADMIN, Scopes.READ, Scopes.app(type, slug));
    }
}
