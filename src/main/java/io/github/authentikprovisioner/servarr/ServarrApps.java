package io.github.authentikprovisioner.servarr;

import java.util.ArrayList;
import java.util.Arrays;
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
import io.github.authentikprovisioner.recipes.Managed;

/**
 * Reads Servarr apps back from authentik: applications this service manages whose provider is a
 * {@code forward_single} proxy provider sending HTTP-Basic credentials. A fixed number of calls for any number of
 * apps (applications, providers, outpost, groups), never one per app.
 */
final class ServarrApps {

    private ServarrApps() {
    }

    static List<ServarrAppView> all(AuthentikSession session) {
        List<ObjectNode> apps = session.list(Kind.APPLICATION,
                Map.of("meta_publisher", Managed.PUBLISHER, "superuser_full_list", "true"));
        List<ObjectNode> providers = session.list(Kind.PROXY_PROVIDER, Map.of("mode__iexact", "forward_single"));
        Set<String> served = EmbeddedOutpost.served(session);
        List<ObjectNode> groups = session.list(Kind.GROUP, Map.of("include_users", "false"));
        List<ServarrAppView> out = new ArrayList<>();
        for (ObjectNode app : apps) {
            if (!Managed.PUBLISHER.equals(app.path("meta_publisher").asText())) {
                continue;
            }
            providers.stream().filter(p -> p.path("pk").asText().equals(app.path("provider").asText()))
                    .filter(ServarrApps::isServarrProvider).findFirst()
                    .ifPresent(p -> out.add(view(app, p, served, groups)));
        }
        return out;
    }

    /** One Servarr app by slug; empty when there is none that this service manages. */
    static Optional<ServarrAppView> one(AuthentikSession session, String slug) {
        Optional<ObjectNode> app = session.get(Kind.APPLICATION, slug)
                .filter(a -> Managed.PUBLISHER.equals(a.path("meta_publisher").asText()));
        Optional<ObjectNode> provider = app.flatMap(a -> providerOf(session, a)).filter(ServarrApps::isServarrProvider);
        if (provider.isEmpty()) {
            return Optional.empty();
        }
        List<ObjectNode> groups = session.list(Kind.GROUP, Map.of("include_users", "false"));
        return Optional.of(view(app.get(), provider.get(), EmbeddedOutpost.served(session), groups));
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


    static ServarrAppView view(ObjectNode app, ObjectNode provider, Set<String> served, List<ObjectNode> groups) {
        Set<String> keys = attributeKeys(provider);
        List<String> holding = groupsHolding(groups, keys);
        String paths = provider.path("skip_path_regex").asText("");
        return new ServarrAppView(app.path("name").asText(), app.path("slug").asText(),
                provider.path("external_host").asText(), provider.path("pk").asInt(), provider.path("name").asText(),
                holding.isEmpty() ? null : holding.getFirst(),
                List.of(provider.path("basic_auth_user_attribute").asText(""),
                        provider.path("basic_auth_password_attribute").asText("")),
                served.contains(provider.path("pk").asText()),
                paths.isBlank() ? List.of() : Arrays.stream(paths.split("\n")).filter(s -> !s.isBlank()).toList());
    }
}
