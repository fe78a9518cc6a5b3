package io.github.authentikprovisioner.emulator;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.emulator.Hooks.Write;

/**
 * The rules of the policy family (authentik/policies/models.py) and of {@code policies/bindings}:
 * PolicyBindingSerializer, PolicyBindingFilter and PolicyBindingModelForeignKey (authentik/policies/api/bindings.py,
 * 2026.2).
 */
final class PolicyRules {

    private PolicyRules() {
    }

    /** How many bindings use the policy. */
    static void boundTo(Renderer r, ObjectNode stored, ObjectNode o) {
        o.put("bound_to", (int) r.all("policies/bindings")
                .filter(b -> b.path("policy").asText().equals(stored.get("pk").asText())).count());
    }

    /** The binding's target as the subclass pk, and the policy, group and user it binds in full. */
    static void bindingAnswer(Renderer r, ObjectNode stored, ObjectNode o) {
        Store store = r.store;
        // target is answered as the pk of the subclass: get_subclass(pbm_uuid=...).pk, so a flow's or a flow-stage
        // binding's own pk, not the PolicyBindingModel pk it is stored and filtered by
        // (authentik/policies/api/bindings.py, 2026.2: PolicyBindingModelForeignKey.to_representation)
        store.inPool(Catalog.BINDING_TARGET, stored.get("target").asText())
                .ifPresent(l -> o.set("target", l.collection().pkOf(l.object())));
        // authentik sends null for the two relations a binding does not use, though the schema lists them as required
        o.set("policy_obj", stored.path("policy").isNull() ? NullNode.instance
                : store.inPool(Catalog.POLICY, stored.get("policy").asText())
                        .map(l -> (JsonNode) r.nested(l, "Policy")).orElse(NullNode.instance));
        o.set("group_obj", stored.path("group").isNull() ? NullNode.instance
                : store.inPool(Catalog.GROUP, stored.get("group").asText())
                        .map(l -> (JsonNode) r.partialGroup(l.object())).orElse(NullNode.instance));
        o.set("user_obj", stored.path("user").isNull() ? NullNode.instance
                : store.inPool(Catalog.USER, stored.get("user").asText()).map(l -> (JsonNode) r.partialUser(l.object()))
                        .orElse(NullNode.instance));
    }

    /** A policy deleted takes its bindings along and leaves the prompt stages that validate with it. */
    static void policyDeleted(RuleContext ctx, String pk) {
        Collection bindings = ctx.collection("policies/bindings");
        ctx.store.list(bindings).stream().filter(b -> b.path("policy").asText().equals(pk))
                .forEach(b -> ctx.delete(bindings, b));
        ctx.all("stages/prompt/stages").forEach(
                s -> s.set("validation_policies", JsonArrays.without(s.withArray("validation_policies"), pk)));
    }

    /**
     * PolicyBindingModelForeignKey.to_internal_value accepts the subclass pk (a flow's, a flow-stage binding's own
     * pk) or the PolicyBindingModel pk; the row stores the latter (authentik/policies/api/bindings.py).
     */
    static void targetAsPolicyBindingModel(RuleContext ctx, ObjectNode attrs) {
        if (!attrs.hasNonNull("target")) {
            return;
        }
        ctx.store.inPool(Catalog.BINDING_TARGET, attrs.get("target").asText())
                .map(l -> l.object().has("policybindingmodel_ptr_id") ? l.object().get("policybindingmodel_ptr_id")
                        : l.collection().pkOf(l.object()))
                .ifPresent(pbm -> attrs.set("target", pbm));
    }

    /**
     * PolicyBindingSerializer.validate() calls attrs.get("target").supported_policy_binding_targets(): on a partial
     * update without target that is None.supported_...(), an AttributeError, so authentik answers 500
     * (authentik/policies/api/bindings.py, 2026.2, validate()). It counts what this request sends, not the stored
     * row; the order is PolicyBindingModel.supported_policy_binding_targets() (authentik/policies/models.py).
     */
    static void validateBinding(Write w) {
        ObjectNode attrs = w.attrs();
        if (w.existing() != null && !attrs.hasNonNull("target")) {
            throw ApiError.detail(500, "A server error occurred.");
        }
        long set = Stream.of("policy", "user", "group").filter(f -> !attrs.path(f).isNull()
                && !attrs.path(f).isMissingNode()).count();
        if (set > 1) {
            w.error("non_field_errors", "Only one of 'policy', 'user', 'group' can be set.");
        } else if (set == 0) {
            w.error("non_field_errors", "One of 'policy', 'user', 'group' must be set.");
        }
        uniqueTogether(w);
    }

    /**
     * Meta.unique_together = ("policy", "target", "order"): DRF's UniqueTogetherValidator skips rows with a null
     * policy, as the database does (authentik/policies/models.py).
     */
    private static void uniqueTogether(Write w) {
        ObjectNode merged = w.merged();
        boolean taken = !merged.path("policy").isNull() && w.store().all(w.collection()).anyMatch(o -> o != w.existing()
                && o.path("policy").asText().equals(merged.path("policy").asText())
                && o.get("target").asText().equals(merged.get("target").asText())
                && o.get("order").asInt() == merged.get("order").asInt());
        if (taken) {
            w.error("non_field_errors", "The fields policy, target, order must make a unique set.");
        }
    }

    /**
     * ?target= is a ModelChoiceFilter: a value that is not the pk of a PolicyBindingModel is an invalid choice, a 400
     * (authentik/policies/api/bindings.py PolicyBindingFilter).
     */
    static void checkTarget(RuleContext ctx, Collection c, Map<String, List<String>> query) {
        for (String v : query.getOrDefault("target", List.of())) {
            boolean known = ctx.store.allInPool(Catalog.BINDING_TARGET).anyMatch(l -> v.equals(l.object()
                    .path("policybindingmodel_ptr_id").asText(l.collection().pkOf(l.object()).asText())));
            if (!known) {
                throw ApiError.field("target",
                        "Select a valid choice. That choice is not one of the available choices.");
            }
        }
    }

    /**
     * The list filters by the PolicyBindingModel pk stored ({@code PolicyBindingFilter.Meta.fields} "target", a FK
     * filter on {@code pbm_uuid}) while the answer renders the subclass pk (authentik/policies/api/bindings.py,
     * 2026.2: {@code to_representation}).
     */
    static void targetAsStored(RuleContext ctx, ObjectNode stored, ObjectNode rendered) {
        rendered.set("target", stored.get("target"));
    }
}
