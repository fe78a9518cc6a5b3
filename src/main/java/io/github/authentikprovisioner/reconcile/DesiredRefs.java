package io.github.authentikprovisioner.reconcile;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.github.authentikprovisioner.authentik.Kind;

/** The references a plan's desired objects make, for what the engine reads up front and checks before writing. */
final class DesiredRefs {

    private DesiredRefs() {
    }

    /** Every kind a plan of {@code desired} looks up: its objects' and the objects they refer to. */
    static Set<Kind> kindsOf(List<Desired> desired) {
        Set<Kind> kinds = new LinkedHashSet<>();
        for (Desired d : desired) {
            kinds.add(d.kind());
            d.key().parts().values().stream().filter(Ref.class::isInstance).map(v -> ((Ref) v).kind())
                    .forEach(kinds::add);
            if (d instanceof Desired.Present p) {
                p.fields().values().stream().flatMap(DesiredRefs::allRefs).map(Ref::kind).forEach(kinds::add);
            }
        }
        return kinds;
    }

    /** Every ref a field names, wanted or unwanted. */
    static Stream<Ref> allRefs(Field field) {
        return switch (field) {
            case Field.RefTo r -> Stream.of(r.ref());
            case Field.RefSet r -> r.refs().stream();
            case Field.Includes i -> i.items().stream().filter(Ref.class::isInstance).map(Ref.class::cast);
            case Field.Excludes x -> x.items().stream().filter(Ref.class::isInstance).map(Ref.class::cast);
            default -> Stream.empty();
        };
    }

    /** The objects a field requires to exist: its refs, except those it wants absent. */
    static Stream<Ref> referencedRefs(Field field) {
        return field instanceof Field.Excludes ? Stream.empty() : allRefs(field);
    }
}
