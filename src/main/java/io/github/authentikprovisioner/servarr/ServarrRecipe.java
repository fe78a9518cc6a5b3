package io.github.authentikprovisioner.servarr;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.outpost.EmbeddedOutpost;
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
 * Servarr apps (seed: "Servarr apps" and "Unauthenticated paths"): the group whose attributes hold each app's
 * HTTP-Basic credentials, a {@code forward_single} proxy provider that sends them, the application, and the
 * embedded outpost serving it. The group is shared by every Servarr app, so only this app's two keys (and the
 * requested members) are added to it; its other attributes and members are kept.
 */
public final class ServarrRecipe {

    private ServarrRecipe() {
    }

    public static Ref provider(String providerName) {
        return Ref.to(Kind.PROXY_PROVIDER, "name", providerName);
    }


    /** Group credentials and members, provider, application, outpost assignment, for a new app. */
    public static List<Desired> desired(ServarrApp app, String publicUrl) {
        return desired(app, new ProviderName(Kind.PROXY_PROVIDER, app.providerName(), app.providerName()), publicUrl);
    }

    /**
     * Group credentials and members, provider, application, outpost assignment.
     *
     * @param providerName the provider found through the application, renamed to {@code app.providerName()}
     */
    public static List<Desired> desired(ServarrApp app, ProviderName providerName, String publicUrl) {
        Map<String, Field> group = new LinkedHashMap<>();
        group.put("attributes", Field.entries(Map.of(app.userAttribute(), app.username(),
                app.passwordAttribute(), app.password())));
        if (!app.members().isEmpty()) {
            group.put("users", Field.includes(app.members().stream()
                    .map(Refs::user).toList()));
        }

        Map<String, Field> provider = new LinkedHashMap<>();
        provider.put("name", providerName.field());
        provider.put("mode", Field.of("forward_single"));
        provider.put("external_host", Field.of(app.externalHost()));
        provider.put("authorization_flow", Field.ref(Defaults.authorizationFlow(Consent.IMPLICIT)));
        provider.put("invalidation_flow", Field.ref(Defaults.INVALIDATION_FLOW));
        provider.put("intercept_header_auth", Field.of(true));
        provider.put("basic_auth_enabled", Field.of(true));
        provider.put("basic_auth_user_attribute", Field.of(app.userAttribute()));
        provider.put("basic_auth_password_attribute", Field.of(app.passwordAttribute()));
        provider.put("skip_path_regex", Field.of(String.join("\n", app.unauthenticatedPaths())));

        Map<String, Field> application = new LinkedHashMap<>();
        application.put("name", Field.of(app.name()));
        application.put("provider", Field.ref(providerName.ref()));
        application.put("meta_launch_url", Field.of(app.externalHost()));
        application.put("meta_publisher", Field.of(Managed.PUBLISHER));

        return List.of(
                new Desired.Present(Kind.GROUP, Key.of("name", app.group()), app.group(), group),
                // a provider serves one application: one of that name serving another app is not ours to change
                new Desired.Present(Kind.PROXY_PROVIDER, providerName.key(), app.providerName(), provider)
                        .ownedBy("assigned_application_slug", app.slug()),
                new Desired.Present(Kind.APPLICATION, Key.of("slug", app.slug()), app.slug(), application),
                EmbeddedOutpost.serving(List.of(providerName.ref()), publicUrl,
                        List.of(Ref.to(Kind.APPLICATION, "slug", app.slug()))));
    }

    /**
     * Everything {@link #desired} made for one app, undone: off the outpost, application and provider deleted, the
     * app's two attribute keys removed from each group holding them. Other apps' objects and keys stay.
     */
    public static List<Desired> removal(String slug, String providerName, Set<String> attributeKeys,
            List<String> groupsHoldingKeys) {
        List<Desired> out = new java.util.ArrayList<>();
        out.add(EmbeddedOutpost.notServing(List.of(provider(providerName))));
        out.add(new Desired.Absent(Kind.APPLICATION, Key.of("slug", slug), slug));
        out.add(new Desired.Absent(Kind.PROXY_PROVIDER, Key.of("name", providerName), providerName));
        for (String group : groupsHoldingKeys) {
            out.add(new Desired.Present(Kind.GROUP, Key.of("name", group), group,
                    Map.of("attributes", Field.withoutEntries(attributeKeys))));
        }
        return out;
    }
}
