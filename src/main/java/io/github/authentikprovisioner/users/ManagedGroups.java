package io.github.authentikprovisioner.users;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.recipes.ManagedApplication;

/**
 * The groups this service manages, which {@code exclusive} may take a person out of: those carrying one of its marks
 * (an attribute key starting with {@code authentik-provisioner/}: the OIDC recipes' role marks), those bound to an
 * application it manages (the gates of protected and OIDC apps), and those holding the HTTP-Basic credentials of one
 * of its proxy providers (the Servarr group). Pure.
 */
final class ManagedGroups {

    static final String MARK_PREFIX = "authentik-provisioner/";

    private ManagedGroups() {
    }

    /**
     * The pks of the managed groups.
     *
     * @param groups every group
     * @param applications every application (ours are told by their mark)
     * @param bindings every policy binding
     * @param proxyProviders every proxy provider
     */
    static Set<String> pks(List<ObjectNode> groups, List<ObjectNode> applications, List<ObjectNode> bindings,
            List<ObjectNode> proxyProviders) {
        Set<String> ourApps = new HashSet<>();
        Set<String> ourProviders = new HashSet<>();
        for (ObjectNode app : applications) {
            if (ManagedApplication.isOurs(app)) {
                ourApps.add(app.path("pk").asText());
                if (!app.path("provider").isNull()) {
                    ourProviders.add(app.path("provider").asText());
                }
            }
        }
        Set<String> credentialKeys = new HashSet<>();
        for (ObjectNode p : proxyProviders) {
            if (ourProviders.contains(p.path("pk").asText()) && p.path("basic_auth_enabled").asBoolean()) {
                credentialKeys.add(p.path("basic_auth_user_attribute").asText());
                credentialKeys.add(p.path("basic_auth_password_attribute").asText());
            }
        }
        Set<String> out = new HashSet<>();
        for (ObjectNode b : bindings) {
            if (ourApps.contains(b.path("target").asText()) && b.hasNonNull("group")) {
                out.add(b.path("group").asText());
            }
        }
        for (ObjectNode g : groups) {
            JsonNode attributes = g.path("attributes");
            boolean marked = false;
            for (var names = attributes.fieldNames(); names.hasNext();) {
                String key = names.next();
                marked |= key.startsWith(MARK_PREFIX) || credentialKeys.contains(key);
            }
            if (marked) {
                out.add(g.path("pk").asText());
            }
        }
        return out;
    }
}
