package io.github.authentikprovisioner.oidc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.recipes.ManagedApplication;

/**
 * Reads an OIDC application back from authentik's objects as {@link OidcAppRecipe} left them, so that
 * {@code GET /apps/oidc/{slug}} answers what the POST did without being told the request again: the preset and base
 * URLs from the redirect URIs the preset derived, the scopes from the managed mappings, the groups from their
 * markers. Pure: the objects are read by the caller.
 */
public final class OidcAppState {

    private OidcAppState() {
    }

    /** Whether {@code application} (as authentik lists it) is one this service manages with an OAuth2 provider. */
    public static boolean isManagedOidc(JsonNode application) {
        return ManagedApplication.isOurs(application) && isOAuth2(application.path("provider_obj"));
    }

    /** Whether a provider object (any serializer) is an OAuth2/OpenID provider. */
    public static boolean isOAuth2(JsonNode provider) {
        return "authentik_providers_oauth2.oauth2provider".equals(provider.path("meta_model_name").asText());
    }

    /**
     * The request that would produce this state.
     *
     * @param application the application
     * @param provider its OAuth2 provider, as {@code GET /providers/oauth2/{id}/} answers
     * @param managedScopes managed id of each managed scope mapping, by pk
     * @param groups groups that may carry markers
     */
    public static OidcApp read(JsonNode application, JsonNode provider, Map<String, String> managedScopes,
            List<? extends JsonNode> groups) {
        String slug = application.path("slug").asText();
        List<RedirectUri> registered = new ArrayList<>();
        for (JsonNode r : provider.path("redirect_uris")) {
            String url = r.path("url").asText();
            registered.add("regex".equals(r.path("matching_mode").asText()) ? RedirectUri.matching(url)
                    : RedirectUri.strict(url));
        }
        OidcPreset preset = OidcPreset.GENERIC;
        List<String> bases = List.of();
        for (OidcPreset candidate : OidcPreset.recognisable()) {
            List<String> found = basesOf(candidate, registered);
            if (!found.isEmpty()) {
                preset = candidate;
                bases = found;
                break;
            }
        }
        Set<RedirectUri> derived = new HashSet<>();
        for (String base : bases) {
            preset.redirectsBelow(base).forEach(u -> derived.add(RedirectUri.strict(u)));
        }
        preset.fixedRedirects().forEach(u -> derived.add(RedirectUri.strict(u)));
        List<RedirectUri> extra = registered.stream().filter(r -> !derived.contains(r)).toList();

        Set<String> scopes = new LinkedHashSet<>();
        for (JsonNode pk : provider.path("property_mappings")) {
            String managed = managedScopes.get(pk.asText());
            OidcAppRecipe.MANAGED_SCOPES.forEach((scope, id) -> {
                if (id.equals(managed)) {
                    scopes.add(scope);
                }
            });
        }

        String access = null;
        String admin = null;
        for (JsonNode group : groups) {
            OidcAppRecipe.Role role = OidcAppRecipe.Role.of(
                    group.path("attributes").path(OidcAppRecipe.marker(slug)).asText(null));
            if (role == OidcAppRecipe.Role.ACCESS) {
                access = group.path("name").asText();
            } else if (role == OidcAppRecipe.Role.ADMIN) {
                admin = group.path("name").asText();
            }
        }
        boolean http = bases.stream().anyMatch(b -> b.startsWith("http:"))
                || extra.stream().anyMatch(r -> !r.byRegex() && r.url().startsWith("http:"));
        return new OidcApp(preset, bases.isEmpty() ? null : bases.getFirst(),
                bases.size() > 1 ? bases.subList(1, bases.size()) : List.of(),
                application.path("name").asText(), slug, provider.path("name").asText(), extra,
                scopes.isEmpty() ? null : List.copyOf(scopes), access, admin, http);
    }

    /** Base URLs below which every redirect URI {@code preset} derives is registered, in registration order. */
    private static List<String> basesOf(OidcPreset preset, List<RedirectUri> registered) {
        Set<RedirectUri> all = new HashSet<>(registered);
        if (!preset.fixedRedirects().stream().map(RedirectUri::strict).allMatch(all::contains)) {
            return List.of();
        }
        List<String> bases = new ArrayList<>();
        for (RedirectUri r : registered) {
            String base = r.byRegex() ? null : preset.baseUrlOf(r.url());
            if (base != null && !bases.contains(base)
                    && preset.redirectsBelow(base).stream().map(RedirectUri::strict).allMatch(all::contains)) {
                bases.add(base);
            }
        }
        return bases;
    }

    /** The client id of an OAuth2 provider object. */
    public static String clientId(ObjectNode provider) {
        return provider.path("client_id").asText(null);
    }
}
