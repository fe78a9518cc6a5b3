package io.github.authentikprovisioner.servarr;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.authentik.AuthentikSession;
import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.outpost.EmbeddedOutpost;
import io.github.authentikprovisioner.recipes.ManagedApplication;

/**
 * Reads Servarr apps back from authentik: applications this service manages whose provider is a
 * {@code forward_single} proxy provider sending HTTP-Basic credentials. A fixed number of calls for any number of
 * apps (applications, providers, outpost, groups), never one per app.
 */
final class ServarrApps {

    private ServarrApps() {
    }

    static List<ServarrAppState> all(AuthentikSession session) {
        List<ObjectNode> apps = ManagedApplication.list(session).stream().map(ManagedApplication::object).toList();
        List<ObjectNode> providers = session.list(Kind.PROXY_PROVIDER, Map.of("mode__iexact", "forward_single"));
        Set<String> served = EmbeddedOutpost.served(session);
        List<ObjectNode> groups = session.list(Kind.GROUP, Map.of("include_users", "false"));
        List<ServarrAppState> out = new ArrayList<>();
        for (ObjectNode app : apps) {
            providers.stream().filter(p -> p.path("pk").asText().equals(app.path("provider").asText()))
                    .filter(ServarrApps::isServarrProvider).findFirst()
                    .ifPresent(p -> out.add(ServarrAppState.read(app, p, served, groups)));
        }
        return out;
    }

    /** One Servarr app by slug; empty when there is none that this service manages. */
    static Optional<ServarrAppState> one(AuthentikSession session, String slug) {
        Optional<ObjectNode> app = ManagedApplication.find(session, slug).map(ManagedApplication::object);
        Optional<ObjectNode> provider = app.flatMap(a -> providerOf(session, a)).filter(ServarrApps::isServarrProvider);
        if (provider.isEmpty()) {
            return Optional.empty();
        }
        List<ObjectNode> groups = session.list(Kind.GROUP, Map.of("include_users", "false"));
        return Optional.of(ServarrAppState.read(app.get(), provider.get(), EmbeddedOutpost.served(session), groups));
    }

    static Optional<ObjectNode> providerOf(AuthentikSession session, ObjectNode app) {
        JsonNode pk = app.get("provider");
        return pk == null || pk.isNull() ? Optional.empty() : session.get(Kind.PROXY_PROVIDER, pk.asText());
    }

    static boolean isServarrProvider(ObjectNode provider) {
        return "forward_single".equals(provider.path("mode").asText())
                && provider.path("basic_auth_enabled").asBoolean(false);
    }

    /** Names of the groups holding any of {@code keys} in their attributes. */
    static List<String> groupsHolding(List<ObjectNode> groups, Set<String> keys) {
        return groups.stream().filter(g -> keys.stream().anyMatch(k -> g.path("attributes").has(k)))
                .map(g -> g.path("name").asText()).toList();
    }

    static Set<String> attributeKeys(ObjectNode provider) {
        Set<String> keys = new HashSet<>();
        for (String f : List.of("basic_auth_user_attribute", "basic_auth_password_attribute")) {
            String key = provider.path(f).asText("");
            if (!key.isBlank()) {
                keys.add(key);
            }
        }
        return keys;
    }
}
