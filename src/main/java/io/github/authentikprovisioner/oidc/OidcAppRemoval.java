package io.github.authentikprovisioner.oidc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.reconcile.Desired;
import io.github.authentikprovisioner.reconcile.Field;
import io.github.authentikprovisioner.reconcile.Key;

/**
 * What {@code DELETE /apps/oidc/{slug}} removes and what it keeps, decided from objects already read (pure): the
 * application and its provider, the "Nextcloud Profile" mapping when no other provider uses it, and the groups marked
 * for the application unless something else needs them, which only lose the application's marker.
 *
 * @param desired what the engine makes true
 * @param kept the objects that stay, and why
 */
record OidcAppRemoval(List<Desired> desired, List<OidcAppDeleteResult.Kept> kept) {

    /**
     * @param slug the application's slug
     * @param appPk the application's pk (a policy binding's target)
     * @param provider its OAuth2 provider, if it has one
     * @param ourMappings the scope mappings this service makes that the provider uses, each with whether another
     *        provider uses it too
     * @param markedGroups the groups carrying the application's marker
     * @param groupBindings every policy binding of a group (whatever its target)
     */
    static OidcAppRemoval of(String slug, String appPk, Optional<ObjectNode> provider,
            Map<String, Boolean> ourMappings, List<ObjectNode> markedGroups, List<ObjectNode> groupBindings) {
        String marker = OidcAppRecipe.marker(slug);
        List<Desired> desired = new ArrayList<>();
        List<OidcAppDeleteResult.Kept> kept = new ArrayList<>();
        desired.add(new Desired.Absent(Kind.APPLICATION, Key.of("slug", slug), slug));
        provider.ifPresent(p -> {
            String name = p.path("name").asText();
            desired.add(new Desired.Absent(Kind.OAUTH2_PROVIDER, Key.of("name", name), name));
        });
        ourMappings.forEach((name, usedElsewhere) -> {
            if (usedElsewhere) {
                kept.add(new OidcAppDeleteResult.Kept(Kind.SCOPE_MAPPING.label(), name, "used by another provider"));
            } else {
                desired.add(new Desired.Absent(Kind.SCOPE_MAPPING, Key.of("name", name), name));
            }
        });
        for (ObjectNode group : markedGroups) {
            String name = group.path("name").asText();
            String reason = keepReason(group, marker, appPk, groupBindings);
            if (reason == null) {
                desired.add(new Desired.Absent(Kind.GROUP, Key.of("name", name), name));
            } else {
                kept.add(new OidcAppDeleteResult.Kept(Kind.GROUP.label(), name, reason));
                desired.add(new Desired.Present(Kind.GROUP, Key.of("name", name), name,
                        Map.of("attributes", Field.withoutEntries(Set.of(marker)))));
            }
        }
        return new OidcAppRemoval(desired, kept);
    }

    /** Why a group marked for the application must stay once it is gone; null when nothing else needs it. */
    static String keepReason(ObjectNode group, String marker, String appPk, List<ObjectNode> groupBindings) {
        var names = group.path("attributes").fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            if (key.startsWith(OidcAppRecipe.MARKER_PREFIX) && !key.equals(marker)) {
                return "used by the application '" + key.substring(OidcAppRecipe.MARKER_PREFIX.length()) + "'";
            }
        }
        String pk = group.path("pk").asText();
        if (groupBindings.stream().anyMatch(b -> pk.equals(b.path("group").asText())
                && !appPk.equals(b.path("target").asText()))) {
            return "bound to another object";
        }
        JsonNode users = group.path("users");
        if (!users.isMissingNode() && !users.isEmpty()) {
            return "has members";
        }
        return null;
    }
}
