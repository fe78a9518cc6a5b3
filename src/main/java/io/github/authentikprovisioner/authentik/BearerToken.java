package io.github.authentikprovisioner.authentik;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/**
 * Adds {@code Authorization: Bearer <AUTHENTIK_TOKEN>} to every call to authentik, and {@code Accept-Language: en}:
 * authentik translates its messages into the language its locale middlewares pick (the request's Accept-Language,
 * the user's or the brand's default locale: authentik/core/middleware.py, authentik/brands/middleware.py), and the
 * messages it rejects a write with are passed on to our callers and the log. The engine does not depend on their
 * wording: see {@link AuthentikException.Rejected#mayBeTaken}.
 */
@ApplicationScoped
class BearerToken implements ClientHeadersFactory {

    private final AuthentikConfig config;

    BearerToken(AuthentikConfig config) {
        this.config = config;
    }

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming,
            MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        headers.putSingle("Authorization", "Bearer " + config.token());
        headers.putSingle("Accept-Language", "en");
        return headers;
    }
}
