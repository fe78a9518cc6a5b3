package io.github.authentikprovisioner.authentik;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The calls to authentik that are not object state the engine reconciles: whose a token is, a token's key, a
 * user's password, an outpost's heartbeat. Each is counted by the session it belongs to and bounded by its deadline.
 */
public final class AuthentikActions {

    private final Authentik authentik;
    private final AuthentikSession session;

    AuthentikActions(Authentik authentik, AuthentikSession session) {
        this.authentik = authentik;
        this.session = session;
    }

    /**
     * The instances of the outpost with pk {@code uuid} that said hello in the last 15 s (one read, never cached:
     * authentik keeps them in its cache only, authentik/outposts/models.py {@code OutpostState}); empty when none did
     * or the outpost is gone.
     */
    public List<ObjectNode> outpostHealth(String uuid) {
        session.countRead();
        try {
            List<ObjectNode> out = new ArrayList<>();
            authentik.read("GET outpost health", session.deadline(), () -> authentik.api().health(uuid))
                    .forEach(i -> out.add((ObjectNode) i));
            return out;
        } catch (AuthentikException.NotFound e) {
            return List.of();
        }
    }

    /** The user of the token in use ({@code GET /core/users/me/}): whose the calls of this session are. */
    public Authentik.TokenUser tokenUser() {
        session.countRead();
        return Authentik.TokenUser.of(authentik.read("GET users/me", session.deadline(), () -> authentik.api().me()));
    }

    /**
     * The user of the configured token {@code source}, whichever is in use; empty when authentik refuses it (403:
     * unknown key, not an API token, expired, or its user inactive, authentik/api/authentication.py).
     */
    public Optional<Authentik.TokenUser> tokenUser(CurrentToken.Source source) {
        session.countRead();
        try {
            return Optional.of(Authentik.TokenUser.of(authentik.read("GET users/me", session.deadline(), () -> authentik.me(source))));
        } catch (AuthentikException.TokenRefused e) {
            return Optional.empty();
        }
    }

    /**
     * Gives the token {@code identifier} the configured key of {@code source} ({@code POST
     * /core/tokens/{identifier}/set_key/}). An action, not state: authentik never shows a key to diff against
     * (only {@code view_key}, which logs a secret-view event), so it is not a field the engine could reconcile.
     */
    public void setTokenKey(String identifier, CurrentToken.Source source) {
        session.countWrite();
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("key", authentik.key(source));
        authentik.call("POST set_key", session.deadline(), () -> {
            authentik.api().setKey(identifier, body);
            return null;
        });
    }

    /**
     * Sets the password of the user with pk {@code userPk} ({@code POST /core/users/{id}/set_password/}). An action,
     * not state: no answer of authentik shows a password or its hash to diff against.
     */
    public void setPassword(String userPk, String password) {
        session.countWrite();
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("password", password);
        authentik.call("POST set_password", session.deadline(), () -> {
            authentik.api().setPassword(userPk, body);
            return null;
        });
        authentik.recentWrites().wrote(Kind.USER, userPk);
    }

    /**
     * authentik's answer ({@code PolicyTestResult}: {@code passing}, {@code messages}) to whether the user with pk
     * {@code userPk} may open the application {@code slug} ({@code GET /core/applications/{slug}/check_access/}).
     * The token's user must be a superuser: for anyone else authentik ignores {@code for_user} and answers for the
     * caller (authentik/core/api/applications.py); this service's account is one.
     */
    public ObjectNode checkAccess(String slug, String userPk) {
        session.countRead();
        return authentik.read("GET check_access", session.deadline(), () -> authentik.api().checkAccess(slug, userPk));
    }
}
