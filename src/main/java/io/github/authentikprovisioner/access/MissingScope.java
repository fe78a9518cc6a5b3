package io.github.authentikprovisioner.access;

import java.util.List;

import io.quarkus.security.ForbiddenException;

/** The caller is known but has none of the scopes an operation needs: 403 problem+json naming them. */
public final class MissingScope extends ForbiddenException {

    private final List<String> scopes;

    MissingScope(List<String> scopes) {
        super("this client has none of the scopes this operation needs: " + String.join(", ", scopes));
        this.scopes = List.copyOf(scopes);
    }

    public List<String> scopes() {
        return scopes;
    }
}
