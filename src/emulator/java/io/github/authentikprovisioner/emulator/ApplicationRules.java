package io.github.authentikprovisioner.emulator;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.emulator.Hooks.Write;

/**
 * The rules of {@code core/applications}: ApplicationSerializer and ApplicationViewSet
 * (authentik/core/api/applications.py).
 */
final class ApplicationRules {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> RESERVED_SLUGS = Set.of("authorize", "token", "device", "userinfo",
            "introspect", "revoke");

    private ApplicationRules() {
    }

    /** The provider in full, and the launch URL: meta_launch_url, else the provider's external host. */
    static void answerFields(Renderer r, ObjectNode stored, ObjectNode o) {
        JsonNode providerPk = stored.get("provider");
        Optional<Store.Located> provider = providerPk == null || providerPk.isNull() ? Optional.empty()
                : r.store.inPool(Catalog.PROVIDER, providerPk.asText());
        o.set("provider_obj", provider.map(l -> (JsonNode) r.nested(l, "Provider")).orElse(NullNode.instance));
        o.putArray("backchannel_providers_obj");
        String launch = stored.path("meta_launch_url").asText("");
        if (launch.isEmpty()) {
            launch = provider.map(l -> l.object().path("external_host").asText("")).orElse("");
        }
        o.set("launch_url", launch.isEmpty() ? NullNode.instance : JSON.getNodeFactory().textNode(launch));
        o.putNull("meta_icon_url");
        o.putNull("meta_icon_themed_urls");
    }

    /** authentik/core/api/applications.py validate_slug(). */
    static void slugNotReserved(Write w) {
        if (RESERVED_SLUGS.contains(w.merged().path("slug").asText())) {
            w.error("slug", "The slug '" + w.merged().path("slug").asText()
                    + "' is reserved and cannot be used for applications.");
        }
    }

    /**
     * superuser_full_list is honoured for superusers only; anyone else gets the applications they pass the policies
     * of (authentik/core/api/applications.py, list()).
     */
    static Predicate<ObjectNode> shownTo(RuleContext ctx, Map<String, List<String>> query) {
        List<String> fullList = query.get("superuser_full_list");
        boolean all = fullList != null && !fullList.isEmpty() && fullList.getFirst().equals("true")
                && ctx.isSuperuser(ctx.caller());
        return all ? app -> true : app -> callerMayAccess(ctx, app);
    }

    /** A group binding passes for members of the group or of a group below it (PolicyBinding.passes, is_member). */
    private static boolean callerMayAccess(RuleContext ctx, ObjectNode app) {
        List<ObjectNode> own = ctx.all("policies/bindings")
                .filter(b -> b.get("target").asText().equals(app.get("pk").asText())).toList();
        return own.isEmpty() || own.stream().anyMatch(b -> !b.path("group").isNull()
                && ctx.store.inPool(Catalog.GROUP, b.get("group").asText())
                        .map(g -> ctx.renderer.groups().isMember(g.object(), ctx.caller())).orElse(false));
    }
}
