package io.github.authentikprovisioner.recipes;

import java.util.List;
import java.util.Map;

import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.reconcile.Desired;
import io.github.authentikprovisioner.reconcile.Field;
import io.github.authentikprovisioner.reconcile.Key;
import io.github.authentikprovisioner.reconcile.Ref;

/**
 * A flow–stage binding as desired state: found by its flow and stage (authentik's {@code target} and {@code stage}),
 * with the order as the one managed field; a null order means the stage must not be bound in that flow.
 */
public record Binding(String flowSlug, Ref stage, Integer order) {

    /** {@code stage} bound in the flow {@code flowSlug} at {@code order}. */
    public static Binding at(String flowSlug, int order, Ref stage) {
        return new Binding(flowSlug, stage, order);
    }

    /** {@code stage} not bound in the flow {@code flowSlug}. */
    public static Binding none(String flowSlug, Ref stage) {
        return new Binding(flowSlug, stage, null);
    }

    /** The binding as a reference: its policy-binding-model id, what policy bindings on it target. */
    public Ref ref() {
        return new Ref(Kind.FLOW_STAGE_BINDING, key());
    }

    private Key key() {
        return Key.of("target", Defaults.flow(flowSlug), "stage", stage);
    }

    public Desired desired() {
        Key key = key();
        String name = flowSlug + " / " + FreshInstall.nameOf(stage);
        return order == null ? new Desired.Absent(Kind.FLOW_STAGE_BINDING, key, name)
                : new Desired.Present(Kind.FLOW_STAGE_BINDING, key, name, Map.of("order", Field.of(order)));
    }

    public StageBinding report() {
        return new StageBinding(flowSlug, order, FreshInstall.nameOf(stage), order != null);
    }

    static List<StageBinding> report(List<Binding> bindings) {
        return bindings.stream().map(Binding::report).toList();
    }
}
