package io.github.authentikprovisioner.protectedapp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

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

/** The objects of a {@link ProtectedApp}, as desired state. Pure. */
final class ProtectedAppRecipe {

    private ProtectedAppRecipe() {
    }

    /**
     * Provider, application, its one group gate, the outpost assignment; and the removal of the gates of other
     * groups on the application ({@code applicationBindings}, empty before it exists): authentik grants access when
     * any bound group matches (policy engine mode "any", authentik/policies/engine.py), so a gate left behind would
     * keep letting its group in. Only group gates are removed; policy or user bindings stay.
     */
    static List<Desired> desired(ProtectedApp spec, String publicUrl, List<ObjectNode> applicationBindings) {
        return desired(spec, new ProviderName(Kind.PROXY_PROVIDER, spec.providerName(), spec.providerName()),
                publicUrl, applicationBindings);
    }

    /** As {@link #desired(ProtectedApp, String, List)}, with the provider found through the application. */
    static List<Desired> desired(ProtectedApp spec, ProviderName providerName, String publicUrl,
            List<ObjectNode> applicationBindings) {
        Map<String, Field> provider = new LinkedHashMap<>();
        provider.put("name", providerName.field());
        provider.put("mode", Field.of("forward_single"));
        provider.put("external_host", Field.of(spec.externalHost()));
        provider.put("authorization_flow", Field.ref(Defaults.authorizationFlow(Consent.IMPLICIT)));
        provider.put("invalidation_flow", Field.ref(Defaults.INVALIDATION_FLOW));
        provider.put("skip_path_regex", Field.of(String.join("\n", spec.unauthenticatedPaths())));

        Map<String, Field> application = new LinkedHashMap<>();
        application.put("name", Field.of(spec.name()));
        application.put("provider", Field.ref(providerName.ref()));
        application.put("meta_publisher", Field.of(Managed.PUBLISHER));

        Ref app = Refs.application(spec.slug());
        List<Desired> out = new ArrayList<>();
        // a provider serves one application: one of that name serving another app is not ours to change
        out.add(new Desired.Present(Kind.PROXY_PROVIDER, providerName.key(), spec.providerName(), provider)
                .ownedBy("assigned_application_slug", spec.slug()));
        out.add(new Desired.Present(Kind.APPLICATION, Key.of("slug", spec.slug()), spec.slug(), application));
        out.add(new Desired.Present(Kind.POLICY_BINDING, Key.of("target", app, "group", Refs.group(spec.accessGroup())),
                spec.slug() + " → " + spec.accessGroup(), Map.of("order", Field.of(0))));
        for (ObjectNode binding : applicationBindings) {
            JsonNode group = binding.path("group_obj");
            if (group.isObject() && !group.path("name").asText().equals(spec.accessGroup())) {
                out.add(new Desired.Absent(Kind.POLICY_BINDING,
                        Key.of("target", app, "group", group.path("pk").asText()),
                        spec.slug() + " → " + group.path("name").asText()));
            }
        }
        out.add(EmbeddedOutpost.serving(List.of(providerName.ref()), publicUrl, List.of(app)));
        return out;
    }
}
