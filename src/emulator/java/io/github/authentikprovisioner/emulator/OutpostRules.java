package io.github.authentikprovisioner.emulator;

import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.emulator.Hooks.ActionCall;
import io.github.authentikprovisioner.emulator.Hooks.Saved;
import io.github.authentikprovisioner.emulator.Hooks.Write;

/**
 * The rules of {@code outposts/instances} (OutpostSerializer and OutpostViewSet, authentik/outposts/api/outposts.py),
 * and the updates authentik sends outposts after a save (authentik/outposts/signals.py, outpost_send_update in
 * authentik/outposts/tasks.py), which the rows of outposts, proxy providers and certificates name. Deletes send none:
 * a provider deleted leaves the outposts' m2m by cascade, which fires no m2m_changed. Applications send none either:
 * their post_save only clears a cache (authentik/core/signals.py post_save_application), so an outpost sees a
 * provider's new application at its next interval refresh unless something else updates it. A Brand's save runs
 * outpost_reverse_related_post_save too, but no Brand field relates to an OutpostModel (authentik/brands/models.py),
 * so it sends nothing.
 */
final class OutpostRules {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OutpostRules() {
    }

    /** The providers in full, the refresh interval in seconds and the name of the outpost's token. */
    static void answerFields(Renderer r, ObjectNode stored, ObjectNode o) {
        ArrayNode providers = o.putArray("providers_obj");
        for (JsonNode pk : stored.withArray("providers")) {
            r.store.inPool(Catalog.PROVIDER, pk.asText()).ifPresent(l -> providers.add(r.nested(l, "Provider")));
        }
        o.putNull("service_connection_obj");
        o.put("refresh_interval_s", ServedConfig.refreshIntervalSeconds(stored.path("config").isObject()
                ? (ObjectNode) stored.get("config") : JSON.createObjectNode()));
        o.put("token_identifier", "ak-outpost-" + stored.get("pk").asText() + "-api");
    }

    /** The embedded outpost authentik creates in code (not from a blueprint), with OutpostConfig's defaults. */
    static ObjectNode embeddedOutpost() {
        ObjectNode embedded = JSON.createObjectNode().put("name", EmulatedOutposts.EMBEDDED_NAME).put("type", "proxy")
                .put("managed", EmulatedOutposts.EMBEDDED);
        embedded.putArray("providers");
        ObjectNode config = embedded.putObject("config");
        config.put("authentik_host", "").put("authentik_host_insecure", false).put("authentik_host_browser", "")
                .put("log_level", "info").put("object_naming_template", "ak-outpost-%(name)s")
                .put("refresh_interval", "minutes=5").put("docker_map_ports", true).put("kubernetes_replicas", 1)
                .put("kubernetes_namespace", "default")
                .put("kubernetes_ingress_secret_name", "authentik-outpost-tls")
                .put("kubernetes_service_type", "ClusterIP");
        config.putNull("docker_network");
        config.putNull("docker_labels");
        config.putNull("container_image");
        config.putObject("kubernetes_ingress_annotations");
        config.putArray("kubernetes_disabled_components");
        config.putArray("kubernetes_image_pull_secrets");
        return embedded;
    }

    /** A GET-only detail action without pagination (authentik/outposts/api/outposts.py health). */
    static Reply health(ActionCall call) {
        if (!call.method().equals("GET")) {
            throw ApiError.detail(405, "Method \"" + call.method() + "\" not allowed.");
        }
        return Reply.ok(call.ctx().outposts.health(call.object()));
    }

    /** The embedded outpost keeps its name; the providers must suit the outpost's type. */
    static void validate(Write w) {
        ObjectNode attrs = w.attrs();
        ObjectNode existing = w.existing();
        if (existing != null && EmulatedOutposts.EMBEDDED.equals(existing.path("managed").asText())
                && attrs.has("name") && !attrs.get("name").asText().equals(existing.get("name").asText())) {
            w.error("name", "Embedded outpost's name cannot be changed");
        }
        // validate_providers() checks the type sent in this request against each provider's class
        // (authentik/outposts/api/outposts.py)
        if (attrs.has("type")) {
            for (JsonNode pk : w.merged().withArray("providers")) {
                Optional<Store.Located> provider = w.store().inPool(Catalog.PROVIDER, pk.asText());
                boolean proxy = provider.map(l -> l.collection().path.equals("providers/proxy")).orElse(false);
                if (attrs.get("type").asText().equals("proxy") && !proxy && provider.isPresent()) {
                    w.error("providers", "Outpost type proxy can't be used with "
                            + provider.get().collection().schema + " providers.");
                    break;
                }
            }
        }
    }

    /**
     * outpost_post_save: the outpost saved is sent an update; then the serializer's providers.set(), a remove and an
     * add, each an m2m_changed (post_remove / post_add) that sends another update when it changed anything.
     */
    static void outpostSaved(Saved s) {
        String pk = s.object().get("pk").asText();
        s.ctx().outposts.updateSent(pk);
        if (s.attrs().has("providers")) {
            Set<String> before = s.before() == null ? Set.of() : JsonArrays.texts(s.before().path("providers"));
            Set<String> after = JsonArrays.texts(s.object().path("providers"));
            if (!after.containsAll(before)) {
                s.ctx().outposts.updateSent(pk);
            }
            if (!before.containsAll(after)) {
                s.ctx().outposts.updateSent(pk);
            }
        }
    }

    /** outpost_related_post_save: every outpost holding the provider saved is sent an update. */
    static void relatedSaved(Saved s) {
        s.ctx().all("outposts/instances")
                .filter(op -> JsonArrays.contains(op.get("providers"), s.object().get("pk")))
                .forEach(op -> s.ctx().outposts.updateSent(op.get("pk").asText()));
    }

    /** outpost_reverse_related_post_save: the outposts of every proxy provider using the certificate saved. */
    static void reverseRelatedSaved(Saved s) {
        s.ctx().all("providers/proxy")
                .filter(p -> p.path("certificate").asText().equals(s.object().get("pk").asText()))
                .forEach(p -> s.ctx().all("outposts/instances")
                        .filter(op -> JsonArrays.contains(op.get("providers"), p.get("pk")))
                        .forEach(op -> s.ctx().outposts.updateSent(op.get("pk").asText())));
    }
}
