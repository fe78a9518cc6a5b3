package io.github.authentikprovisioner.users;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.authentik.AuthentikSession;
import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.recipes.ManagedApplication;

/**
 * "Can bob open nextcloud?", asked of authentik itself: its policy engine decides, this service explains the answer
 * from the application's bindings ({@link AccessExplanation}).
 */
@ApplicationScoped
class AccessService {

    /** One application, any in authentik: {@code check_access}, and the application's bindings to explain it. */
    AccessAnswer one(AuthentikSession session, String username, String slug) {
        session.prefetch(Set.of(Kind.USER, Kind.APPLICATION));
        ObjectNode user = user(session, username);
        ObjectNode app = session.get(Kind.APPLICATION, slug)
                .orElseThrow(() -> new NotFoundException("authentik has no application '" + slug + "'"));
        ObjectNode result = session.actions().checkAccess(slug, user.path("pk").asText());
        List<String> messages = new ArrayList<>();
        result.path("messages").forEach(m -> messages.add(m.asText()));
        List<ObjectNode> bindings = session.list(Kind.POLICY_BINDING, Map.of("target", app.path("pk").asText()));
        return AccessExplanation.of(result.path("passing").asBoolean(), messages, user, app, bindings);
    }

    /**
     * Every application this service manages, in four reads whatever their number: the users, the applications, those
     * authentik lists for the user ({@code for_user}: the same policy engine, authentik/core/api/applications.py), and
     * every binding once.
     */
    List<AccessAnswer> all(AuthentikSession session, String username) {
        session.prefetch(Set.of(Kind.USER, Kind.APPLICATION));
        ObjectNode user = user(session, username);
        Set<String> allowed = new HashSet<>();
        session.list(Kind.APPLICATION, Map.of("for_user", user.path("pk").asText()))
                .forEach(a -> allowed.add(a.path("slug").asText()));
        Map<String, List<ObjectNode>> bindings = new LinkedHashMap<>();
        for (ObjectNode b : session.list(Kind.POLICY_BINDING, Map.of())) {
            JsonNode target = b.path("target");
            bindings.computeIfAbsent(target.asText(), t -> new ArrayList<>()).add(b);
        }
        return ManagedApplication.list(session).stream()
                .map(app -> AccessExplanation.of(allowed.contains(app.slug()), List.of(), user, app.object(),
                        bindings.getOrDefault(app.pk(), List.of())))
                .toList();
    }

    private static ObjectNode user(AuthentikSession session, String username) {
        return session.find(Kind.USER, Map.of("username", username))
                .orElseThrow(() -> new NotFoundException("authentik has no user '" + username + "'"));
    }
}
