package io.github.authentikprovisioner.forwardauth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.outpost.EmbeddedOutpost;
import io.github.authentikprovisioner.recipes.Defaults;
import io.github.authentikprovisioner.recipes.Managed;
import io.github.authentikprovisioner.recipes.ProviderName;
import io.github.authentikprovisioner.reconcile.Desired;
import io.github.authentikprovisioner.reconcile.Field;
import io.github.authentikprovisioner.reconcile.Key;
import io.github.authentikprovisioner.reconcile.Ref;

/**
 * Domain-level forward auth (seed: "Applications setup" and the embedded-outpost check): a {@code forward_domain}
 * proxy provider whose external host is authentik itself, the application on it, and the embedded outpost serving
 * it with {@code authentik_host} set.
 */
public final class ForwardAuthRecipe {

    private ForwardAuthRecipe() {
    }

    public static Ref provider(ForwardAuth spec) {
        return newProvider(spec).ref();
    }

    private static ProviderName newProvider(ForwardAuth spec) {
        return new ProviderName(Kind.PROXY_PROVIDER, spec.providerName(), spec.providerName());
    }

    public static Ref application(ForwardAuth spec) {
        return Ref.to(Kind.APPLICATION, "slug", spec.applicationSlug());
    }

    /** Provider, application and outpost assignment, in that order, for a new domain-level app. */
    public static List<Desired> desired(ForwardAuth spec, String publicUrl) {
        return desired(spec, newProvider(spec), publicUrl);
    }

    /** As {@link #desired(ForwardAuth, String)}, with the provider found through the application. */
    public static List<Desired> desired(ForwardAuth spec, ProviderName providerName, String publicUrl) {
        Map<String, Field> provider = new LinkedHashMap<>();
        provider.put("name", providerName.field());
        provider.put("mode", Field.of("forward_domain"));
        provider.put("external_host", Field.of(publicUrl));
        provider.put("cookie_domain", Field.of(spec.cookieDomain()));
        provider.put("authorization_flow", Field.ref(Defaults.authorizationFlow(spec.consent())));
        provider.put("invalidation_flow", Field.ref(Defaults.INVALIDATION_FLOW));
        provider.put("access_token_validity", Field.of(spec.tokenValidity()));
        provider.put("skip_path_regex", Field.of(String.join("\n", spec.unauthenticatedPaths())));

        Map<String, Field> application = new LinkedHashMap<>();
        application.put("name", Field.of(spec.applicationName()));
        application.put("provider", Field.ref(providerName.ref()));
        application.put("meta_publisher", Field.of(Managed.PUBLISHER));

        return List.of(
                // a provider serves one application: one of that name serving another app is not ours to change
                new Desired.Present(Kind.PROXY_PROVIDER, providerName.key(), spec.providerName(), provider)
                        .ownedBy("assigned_application_slug", spec.applicationSlug()),
                new Desired.Present(Kind.APPLICATION, Key.of("slug", spec.applicationSlug()),
                        spec.applicationSlug(), application),
                EmbeddedOutpost.serving(List.of(providerName.ref()), publicUrl, List.of(application(spec))));
    }
}
