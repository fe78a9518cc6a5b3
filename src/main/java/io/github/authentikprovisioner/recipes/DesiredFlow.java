package io.github.authentikprovisioner.recipes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.authentikprovisioner.reconcile.Desired;
import io.github.authentikprovisioner.reconcile.Field;
import io.github.authentikprovisioner.reconcile.Ref;

/**
 * What a flow recipe wants: its objects, its flow–stage bindings, the default objects of a fresh install it
 * changes in place, and objects on the bindings themselves (policy bindings). Those must already exist: the service never recreates a default object (with only the few fields
 * it manages) but answers 409 naming it.
 */
public record DesiredFlow(List<Desired> objects, List<Binding> bindings, List<Ref> changedDefaults,
        List<Desired> afterBindings) {

    public DesiredFlow {
        objects = List.copyOf(objects);
        bindings = List.copyOf(bindings);
        changedDefaults = List.copyOf(changedDefaults);
        afterBindings = List.copyOf(afterBindings);
    }

    public DesiredFlow(List<Desired> objects, List<Binding> bindings, List<Ref> changedDefaults) {
        this(objects, bindings, changedDefaults, List.of());
    }

    /** The object {@code ref} points at, with these managed fields. */
    public static Desired.Present object(Ref ref, Map<String, Field> fields) {
        return new Desired.Present(ref.kind(), ref.key(), FreshInstall.nameOf(ref), fields);
    }

    /** Objects then bindings, the list the reconciler runs; the changed defaults marked as ones that must exist. */
    public List<Desired> desired() {
        List<Desired> all = new ArrayList<>();
        for (Desired d : objects) {
            all.add(d instanceof Desired.Present p && changedDefaults.contains(p.ref()) ? p.existing() : d);
        }
        bindings.forEach(b -> all.add(b.desired()));
        all.addAll(afterBindings);
        return all;
    }

    public List<StageBinding> reportedBindings() {
        return Binding.report(bindings);
    }
}
