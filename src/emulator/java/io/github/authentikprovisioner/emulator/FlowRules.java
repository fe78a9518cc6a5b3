package io.github.authentikprovisioner.emulator;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.emulator.Hooks.Write;

/**
 * The rules of {@code flows/instances} and {@code flows/bindings}: FlowSerializer, FlowStageBindingSerializer and
 * their viewsets (authentik/flows/api/flows.py, authentik/flows/api/bindings.py).
 */
final class FlowRules {

    private FlowRules() {
    }

    /** The flow's stages in binding order, the policies bound to it, and its fixed URLs. */
    static void flowAnswer(Renderer r, ObjectNode stored, ObjectNode o) {
        o.put("background_url", "/static/dist/assets/images/flow_background.jpg");
        o.putNull("background_themed_urls");
        ArrayNode stages = o.putArray("stages");
        r.all("flows/bindings").filter(b -> b.get("target").asText().equals(stored.get("pk").asText()))
                .sorted(Comparator.comparingInt(b -> b.get("order").asInt()))
                .forEach(b -> stages.add(b.get("stage").asText()));
        ArrayNode policies = o.putArray("policies");
        r.all("policies/bindings")
                .filter(b -> b.get("target").asText().equals(stored.get("policybindingmodel_ptr_id").asText()))
                .filter(b -> !b.path("policy").isNull()).forEach(b -> policies.add(b.get("policy").asText()));
        o.put("cache_count", 0);
        o.put("export_url", "/api/v3/flows/instances/" + stored.get("slug").asText() + "/export/");
    }

    /** The bound stage in full, as the Stage schema. */
    static void bindingStage(Renderer r, ObjectNode stored, ObjectNode o) {
        o.set("stage_obj", r.store.inPool(Catalog.STAGE, stored.get("stage").asText())
                .map(l -> r.nested(l, "Stage")).orElseThrow());
    }

    /** A flow deleted takes its stage bindings along. */
    static void flowDeleted(RuleContext ctx, String pk) {
        Collection bindings = ctx.collection("flows/bindings");
        ctx.store.list(bindings).stream().filter(b -> b.get("target").asText().equals(pk))
                .forEach(b -> ctx.delete(bindings, b));
    }

    /**
     * FlowStageBindingSerializer.validate() reads both evaluation flags from the request with the model's defaults;
     * target, stage and order are unique together (authentik/flows/api/bindings.py).
     */
    static void validateBinding(Write w) {
        ObjectNode attrs = w.attrs();
        ObjectNode merged = w.merged();
        if (!attrs.path("evaluate_on_plan").asBoolean(false) && !attrs.path("re_evaluate_policies").asBoolean(true)) {
            w.error("non_field_errors", "Either evaluation on plan or evaluation on run must be enabled");
        }
        boolean taken = w.store().all(w.collection()).anyMatch(o -> o != w.existing()
                && o.get("target").asText().equals(merged.get("target").asText())
                && o.get("stage").asText().equals(merged.get("stage").asText())
                && o.get("order").asInt() == merged.get("order").asInt());
        if (taken) {
            w.error("non_field_errors", "The fields target, stage, order must make a unique set.");
        }
    }

    /**
     * ?target= is a ModelChoiceFilter (filterset_fields "__all__"): a value that is not the pk of a flow is an
     * invalid choice, a 400 (authentik/flows/api/bindings.py).
     */
    static void checkTarget(RuleContext ctx, Collection c, Map<String, List<String>> query) {
        for (String v : query.getOrDefault("target", List.of())) {
            if (ctx.store.inPool(Catalog.FLOW, v).isEmpty()) {
                throw ApiError.field("target",
                        "Select a valid choice. That choice is not one of the available choices.");
            }
        }
    }
}
