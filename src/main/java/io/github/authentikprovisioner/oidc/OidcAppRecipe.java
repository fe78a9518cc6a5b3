package io.github.authentikprovisioner.oidc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.recipes.Consent;
import io.github.authentikprovisioner.recipes.Defaults;
import io.github.authentikprovisioner.recipes.Managed;
import io.github.authentikprovisioner.recipes.ProviderName;
import io.github.authentikprovisioner.recipes.Refs;
import io.github.authentikprovisioner.reconcile.Desired;
import io.github.authentikprovisioner.reconcile.Field;
import io.github.authentikprovisioner.reconcile.Key;
import io.github.authentikprovisioner.reconcile.Ref;

/**
 * An OIDC application (seed: "Nextcloud", "Synology", "Immich", "Inventree"): an OAuth2/OpenID provider
 * (confidential, implicit consent, the managed scope mappings, claims in the id_token, signed with the instance's
 * self-signed certificate), its application, and per preset the groups, the "Nextcloud Profile" scope mapping, the
 * access gate and the username setting.
 *
 * <p>The provider's {@code client_id} and {@code client_secret} are never managed: authentik generates them on
 * create and every later call reads them back, so they stay the same for the life of the provider.
 *
 * <p>Groups this recipe uses carry a marker in their attributes ({@link #marker}) naming the application and the
 * role the group plays for it; deletes use it to tell whether another application still needs a group.
 */
public final class OidcAppRecipe {

    /** authentik's managed scope mapping per scope name (API-NOTES §10.2). */
    public static final Map<String, String> MANAGED_SCOPES = Map.of(
            "openid", "goauthentik.io/providers/oauth2/scope-openid",
            "email", "goauthentik.io/providers/oauth2/scope-email",
            "profile", "goauthentik.io/providers/oauth2/scope-profile",
            "offline_access", "goauthentik.io/providers/oauth2/scope-offline_access",
            "entitlements", "goauthentik.io/providers/oauth2/scope-entitlements");
    /** The certificate the admin UI preselects for signing; without one tokens would be HS256 (API-NOTES §10.1). */
    public static final String SIGNING_CERTIFICATE = "authentik Self-signed Certificate";
    /** Prefix of the group attribute that marks a group as used by one application. */
    public static final String MARKER_PREFIX = "authentik-provisioner/oidc/";

    /** What a group is to an application, as recorded in its marker. */
    public enum Role {
        /** Gates access to the application. */
        ACCESS,
        /** Its members are the application's administrators. */
        ADMIN,
        /** Mapped to the application's ordinary users without gating (Inventree's group map). */
        USERS;

        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Role of(String value) {
            for (Role r : values()) {
                if (r.value().equals(value)) {
                    return r;
                }
            }
            return null;
        }
    }

    /** A group binding on the application that an earlier call made and that the request no longer wants. */
    public record StaleGate(String groupPk, String groupName) {
    }

    private OidcAppRecipe() {
    }

    public static String marker(String slug) {
        return MARKER_PREFIX + slug;
    }

    /** The provider of an application that has none yet: {@link OidcApp#defaultProviderName()}. */
    public static ProviderName newProvider(OidcApp spec) {
        return new ProviderName(Kind.OAUTH2_PROVIDER, spec.defaultProviderName(), spec.defaultProviderName());
    }

    public static Ref managedScope(String scope) {
        return Ref.to(Kind.SCOPE_MAPPING, "managed", MANAGED_SCOPES.get(scope));
    }

    public static Ref nextcloudProfile(String adminGroup) {
        return Ref.to(Kind.SCOPE_MAPPING, "name", NextcloudProfile.name(adminGroup));
    }

    /** Each group the application uses, with its role, in a stable order. */
    public static Map<String, Role> groups(OidcApp spec) {
        Map<String, Role> out = new LinkedHashMap<>();
        if (spec.accessGroup() != null) {
            out.put(spec.accessGroup(), Role.ACCESS);
        }
        if (spec.usersGroup() != null) {
            out.putIfAbsent(spec.usersGroup(), Role.USERS);
        }
        if (spec.adminGroup() != null) {
            out.putIfAbsent(spec.adminGroup(), Role.ADMIN);
        }
        return out;
    }

    /**
     * Groups, scope mapping, provider, application, access gate and setting, in that order.
     *
     * @param providerName the provider to use (the application's current OAuth2 provider when it has one)
     * @param staleGates group bindings of earlier calls to remove
     */
    public static List<Desired> desired(OidcApp spec, ProviderName providerName, List<StaleGate> staleGates) {
        List<Desired> out = new ArrayList<>();
        groups(spec).forEach((name, role) -> {
            Map<String, Field> group = new LinkedHashMap<>();
            group.put("attributes", Field.entries(Map.of(marker(spec.slug()), role.value())));
            // members are only added: people placed by hand or by PUT /users stay
            List<String> members = new ArrayList<>();
            if (name.equals(spec.membersGroup())) {
                members.addAll(spec.members());
            }
            if (name.equals(spec.adminGroup())) {
                members.addAll(spec.admins());
            }
            if (!members.isEmpty()) {
                group.put("users", Field.includes(members.stream().distinct().map(Refs::user).toList()));
            }
            out.add(new Desired.Present(Kind.GROUP, Key.of("name", name), name, group));
        });
        for (StaleGate stale : staleGates) {
            if (!groups(spec).containsKey(stale.groupName())) {
                out.add(new Desired.Present(Kind.GROUP, Key.of("name", stale.groupName()), stale.groupName(),
                        Map.of("attributes", Field.withoutEntries(Set.of(marker(spec.slug()))))));
            }
        }

        List<Ref> mappings = new ArrayList<>();
        spec.scopes().forEach(s -> mappings.add(managedScope(s)));
        if (spec.preset() == OidcPreset.NEXTCLOUD) {
            String name = NextcloudProfile.name(spec.adminGroup());
            out.add(new Desired.Present(Kind.SCOPE_MAPPING, Key.of("name", name), name, Map.of(
                    "scope_name", Field.of(NextcloudProfile.SCOPE),
                    "expression", Field.of(NextcloudProfile.expression(spec.adminGroup())))));
            mappings.add(nextcloudProfile(spec.adminGroup()));
        }

        Map<String, Field> provider = new LinkedHashMap<>();
        provider.put("name", providerName.field());
        provider.put("authorization_flow", Field.ref(Defaults.authorizationFlow(Consent.IMPLICIT)));
        provider.put("invalidation_flow", Field.ref(Defaults.INVALIDATION_FLOW));
        provider.put("client_type", Field.of("confidential"));
        provider.put("redirect_uris", Field.setOf(spec.effectiveRedirectUris().stream()
                .map(RedirectUri::toAuthentik).toList()));
        provider.put("property_mappings", Field.refs(mappings));
        provider.put("sub_mode", Field.of(spec.preset().subjectMode().value()));
        provider.put("include_claims_in_id_token", Field.of(true));
        provider.put("signing_key", Field.ref(Ref.to(Kind.CERTIFICATE, "name", SIGNING_CERTIFICATE)));
        out.add(new Desired.Present(Kind.OAUTH2_PROVIDER, providerName.key(), providerName.wanted(), provider));

        Map<String, Field> application = new LinkedHashMap<>();
        application.put("name", Field.of(spec.name()));
        application.put("provider", Field.ref(providerName.ref()));
        application.put("meta_publisher", Field.of(Managed.PUBLISHER));
        out.add(new Desired.Present(Kind.APPLICATION, Key.of("slug", spec.slug()), spec.slug(), application));

        Ref app = Refs.application(spec.slug());
        if (spec.accessGroup() != null) {
            out.add(new Desired.Present(Kind.POLICY_BINDING,
                    Key.of("target", app, "group", Refs.group(spec.accessGroup())),
                    spec.slug() + " → " + spec.accessGroup(), Map.of("order", Field.of(0))));
        }
        for (StaleGate stale : staleGates) {
            if (!stale.groupName().equals(spec.accessGroup())) {
                out.add(new Desired.Absent(Kind.POLICY_BINDING, Key.of("target", app, "group", stale.groupPk()),
                        spec.slug() + " → " + stale.groupName()));
            }
        }

        if (spec.preset() == OidcPreset.NEXTCLOUD) {
            // Nextcloud keys accounts on the username (sub_mode user_username): it must never change (seed)
            out.add(new Desired.Present(Kind.SETTINGS, new Key(Map.of()), "system settings",
                    Map.of("default_user_change_username", Field.of(false))));
        }
        return out;
    }

    /**
     * Of the policy bindings on the application, the group bindings of earlier calls that gate it by a group
     * {@code spec} no longer names.
     */
    static List<StaleGate> staleGates(OidcApp spec, List<ObjectNode> applicationBindings) {
        List<StaleGate> out = new ArrayList<>();
        String marker = marker(spec.slug());
        for (ObjectNode binding : applicationBindings) {
            JsonNode group = binding.path("group_obj");
            if (group.isObject() && !group.path("name").asText().equals(spec.accessGroup())
                    && Role.ACCESS.value().equals(group.path("attributes").path(marker).asText())) {
                out.add(new StaleGate(group.path("pk").asText(), group.path("name").asText()));
            }
        }
        return out;
    }

    /**
     * The redirect URIs {@code provider} holds that {@code spec} does not want: what a call replaces. Two callers that
     * give one application different base URLs (a container's start hook and the desired-state file, say) replace
     * each other's on every run; answering and logging these makes the second writer visible.
     */
    static List<RedirectUri> replacedRedirects(OidcApp spec, JsonNode provider) {
        Set<Map<String, String>> wanted = new java.util.HashSet<>();
        spec.effectiveRedirectUris().forEach(r -> wanted.add(r.toAuthentik()));
        List<RedirectUri> out = new ArrayList<>();
        for (JsonNode held : provider.path("redirect_uris")) {
            String mode = held.path("matching_mode").asText();
            String url = held.path("url").asText();
            if (!wanted.contains(Map.of("matching_mode", mode, "url", url))) {
                out.add("regex".equals(mode) ? RedirectUri.matching(url) : RedirectUri.strict(url));
            }
        }
        return out;
    }
}
