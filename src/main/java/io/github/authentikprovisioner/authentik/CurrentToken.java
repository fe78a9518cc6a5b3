package io.github.authentikprovisioner.authentik;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.Startup;

/**
 * Which of the two configured authentik tokens every call sends ({@link BearerToken} reads it here): the first one
 * ({@code AUTHENTIK_TOKEN}, e.g. akadmin's bootstrap token) until the service-account hand-over has proven this
 * service's own key ({@code AUTHENTIK_SERVICE_TOKEN}) works, then that key. Switchable at runtime because akadmin's
 * token stops working the moment akadmin is deactivated (authentik/api/authentication.py refuses every token of an
 * inactive user), while the service must keep working.
 *
 * <p>The keys never leave this package: callers see only which variable is in use. Checked at start: at least one
 * token must be configured, and two different ones (the same key on two tokens would make authentik's lookup by key
 * ambiguous).
 */
@Startup
@ApplicationScoped
public class CurrentToken {

    /** The environment variable a token comes from: what answers and logs may name instead of the key. */
    @Schema(name = "AuthentikTokenVariable", description = "The environment variable of the token in use")
    public enum Source {
        /** {@code AUTHENTIK_TOKEN}: the first token, e.g. the bootstrap token. */
        AUTHENTIK_TOKEN,
        /** {@code AUTHENTIK_SERVICE_TOKEN}: this service's own key. */
        AUTHENTIK_SERVICE_TOKEN
    }

    private final AuthentikConfig config;
    private final AtomicReference<Source> inUse = new AtomicReference<>();

    CurrentToken(AuthentikConfig config) {
        this.config = config;
        if (config.token().filter(t -> !t.isBlank()).isEmpty()
                && config.serviceToken().filter(t -> !t.isBlank()).isEmpty()) {
            throw new IllegalStateException("no authentik token is configured: set AUTHENTIK_TOKEN (on a fresh "
                    + "install authentik's AUTHENTIK_BOOTSTRAP_TOKEN) and AUTHENTIK_SERVICE_TOKEN (this service's own "
                    + "key, which deploy/init.sh generates)");
        }
        if (config.token().isPresent() && config.token().equals(config.serviceToken())) {
            throw new IllegalStateException("AUTHENTIK_SERVICE_TOKEN must differ from AUTHENTIK_TOKEN: it becomes the "
                    + "key of a token of its own; generate one with deploy/init.sh or 'openssl rand -hex 32'");
        }
        reset();
    }

    /** The token in use: after start, {@code AUTHENTIK_TOKEN} when it is set, else {@code AUTHENTIK_SERVICE_TOKEN}. */
    public Source source() {
        return inUse.get();
    }

    /** Whether this service's own key is configured, i.e. whether there is a hand-over to make. */
    public boolean serviceTokenConfigured() {
        return config.serviceToken().filter(t -> !t.isBlank()).isPresent();
    }

    /** Whether {@code AUTHENTIK_TOKEN} is configured, to fall back to while the own key is refused. */
    public boolean firstTokenConfigured() {
        return config.token().filter(t -> !t.isBlank()).isPresent();
    }

    /** From now on every call sends this service's own key; only after authentik has answered it as the service's. */
    public void useServiceToken() {
        if (!serviceTokenConfigured()) {
            throw new IllegalStateException("AUTHENTIK_SERVICE_TOKEN is not set");
        }
        inUse.set(Source.AUTHENTIK_SERVICE_TOKEN);
    }

    /** From now on every call sends {@code AUTHENTIK_TOKEN}, e.g. to set the own key up again. */
    public void useFirstToken() {
        if (!firstTokenConfigured()) {
            throw new IllegalStateException("AUTHENTIK_TOKEN is not set");
        }
        inUse.set(Source.AUTHENTIK_TOKEN);
    }

    /** Back to the token the service starts with (tests: each begins with a fresh authentik). */
    public void reset() {
        inUse.set(firstTokenConfigured() ? Source.AUTHENTIK_TOKEN : Source.AUTHENTIK_SERVICE_TOKEN);
    }

    /** The key to send now. */
    String key() {
        return key(inUse.get());
    }

    /** The key of one configured token. */
    String key(Source source) {
        Optional<String> key = source == Source.AUTHENTIK_TOKEN ? config.token() : config.serviceToken();
        return key.orElseThrow(() -> new IllegalStateException(source + " is not set"));
    }
}
