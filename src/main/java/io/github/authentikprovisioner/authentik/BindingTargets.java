package io.github.authentikprovisioner.authentik;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A key field that authentik filters by one id and answers with another: a policy binding's {@code target} is
 * filtered by the PolicyBindingModel pk but answered as the pk of the subclass, a flow's or a flow-stage binding's own
 * pk (authentik/policies/api/bindings.py, 2026.2: {@code to_representation}). An application's pk is both. Only the
 * filter can match such a key, or a snapshot that knows the alias.
 *
 * @param field the key field
 * @param targets the labels of the kinds whose objects can be targets, each answering its policy-binding-model id as
 *        {@code policybindingmodel_ptr_id}, or (an application) as its own pk
 */
record BindingTargets(String field, List<String> targets) {

    /**
     * The pk authentik answers for the policy-binding-model id {@code pbm}, from the objects {@code loaded} holds of
     * the target kinds; empty when none of them knows it.
     */
    Optional<String> alias(String pbm, Function<Kind, Optional<List<ObjectNode>>> loaded) {
        for (String label : targets) {
            Kind kind = Kind.of(label);
            for (ObjectNode o : loaded.apply(kind).orElse(List.of())) {
                JsonNode ptr = o.get("policybindingmodel_ptr_id");
                if (ptr != null && ptr.asText().equals(pbm) || ptr == null && o.path("pk").asText().equals(pbm)) {
                    return Optional.of(o.path("pk").asText());
                }
            }
        }
        return Optional.empty();
    }
}
