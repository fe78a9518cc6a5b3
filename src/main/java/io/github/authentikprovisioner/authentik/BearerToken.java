package io.github.authentikprovisioner.authentik;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/**
 * Adds {@code Authorization: Bearer <key>} with the token in use ({@link CurrentToken}: {@code AUTHENTIK_TOKEN} or,
 * after the hand-over, {@code AUTHENTIK_SERVICE_TOKEN}) to every call to authentik, and {@code Accept-Language: en}:
 * authentik translates its messages into the brand's locale when the brand sets one, otherwise into the request's
 * Accept-Language (authentik/brands/middleware.py, then Django's LocaleMiddleware; a token user's own locale is not
 * consulted for API calls), and the messages it rejects a write with are passed on to our callers and the log. A
 * brand locale still wins over this header, so the engine does not depend on the wording: see
 * {@link AuthentikException.Rejected#mayBeTaken}.
 */
@ApplicationScoped
class BearerToken implements ClientHeadersFactory {

    private final CurrentToken token;

    BearerToken(CurrentToken token) {
        this.token = token;
    }

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming,
            MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        headers.putSingle("Authorization", "Bearer " + token.key());
        headers.putSingle("Accept-Language", "en");
        return headers;
    }
}
