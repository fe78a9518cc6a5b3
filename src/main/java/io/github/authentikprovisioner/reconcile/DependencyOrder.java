package io.github.authentikprovisioner.reconcile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders desired objects so that every object comes after the objects of the same plan it refers to, keeping the
 * recipe's own order otherwise (a stable topological sort).
 */
final class DependencyOrder {

    private DependencyOrder() {
    }

    static List<Desired> sort(List<Desired> desired) {
        Map<Ref, Desired> byRef = new LinkedHashMap<>();
        for (Desired d : desired) {
            if (byRef.put(d.ref(), d) != null) {
                throw new IllegalArgumentException("desired twice: " + d.ref());
            }
        }
        // An object must exist before others refer to it, and be let go of by them before it is deleted.
        Map<Ref, List<Ref>> before = new LinkedHashMap<>();
        for (Desired d : desired) {
            before.computeIfAbsent(d.ref(), r -> new ArrayList<>());
            for (Ref dep : references(d)) {
                Desired target = byRef.get(dep);
                if (target == null || dep.equals(d.ref())) {
                    continue;
                }
                if (target instanceof Desired.Absent) {
                    before.computeIfAbsent(dep, r -> new ArrayList<>()).add(d.ref());
                } else {
                    before.get(d.ref()).add(dep);
                }
            }
        }
        List<Desired> out = new ArrayList<>();
        Set<Ref> placed = new HashSet<>();
        Set<Ref> visiting = new HashSet<>();
        for (Desired d : desired) {
            visit(d.ref(), byRef, before, placed, visiting, out);
        }
        return out;
    }

    private static void visit(Ref ref, Map<Ref, Desired> byRef, Map<Ref, List<Ref>> before, Set<Ref> placed,
            Set<Ref> visiting, List<Desired> out) {
        if (placed.contains(ref)) {
            return;
        }
        if (!visiting.add(ref)) {
            throw new IllegalArgumentException("desired objects refer to each other in a cycle at " + ref);
        }
        for (Ref dep : before.getOrDefault(ref, List.of())) {
            visit(dep, byRef, before, placed, visiting, out);
        }
        visiting.remove(ref);
        placed.add(ref);
        out.add(byRef.get(ref));
    }

    /** Every ref in the key and the fields of {@code d}, nested refs included. */
    static List<Ref> references(Desired d) {
        List<Ref> refs = new ArrayList<>();
        keyRefs(d.key(), refs);
        if (d instanceof Desired.Present p) {
            refs.addAll(p.resave().after()); // saved after them, so placed after them
            for (Field f : p.fields().values()) {
                switch (f) {
                    case Field.RefTo r -> refs.add(r.ref());
                    case Field.RefSet s -> refs.addAll(s.refs());
                    case Field.Includes i -> i.items().stream().filter(Ref.class::isInstance).map(Ref.class::cast)
                            .forEach(refs::add);
                    case Field.Excludes e -> e.items().stream().filter(Ref.class::isInstance).map(Ref.class::cast)
                            .forEach(refs::add);
                    case Field.Value v -> { }
                    case Field.Entries e -> { }
                    case Field.WithoutEntries w -> { }
                }
            }
        }
        return refs;
    }

    private static void keyRefs(Key key, List<Ref> refs) {
        for (Object v : key.parts().values()) {
            if (v instanceof Ref r) {
                refs.add(r);
                keyRefs(r.key(), refs);
            }
        }
    }
}
