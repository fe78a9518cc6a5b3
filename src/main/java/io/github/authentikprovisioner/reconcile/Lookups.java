package io.github.authentikprovisioner.reconcile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.authentik.AuthentikException;
import io.github.authentikprovisioner.authentik.AuthentikObjects;
import io.github.authentikprovisioner.authentik.Kind;

/**
 * A run's lookups by natural key, and the surplus copies they found: kinds with a batch field are listed once per
 * parent and matched here, and an object authentik holds twice for one key is kept once, the others removed by the
 * run once the kept one is right.
 */
final class Lookups {

    private final AuthentikObjects session;
    private final Map<Locks.Key, List<ObjectNode>> surplus = new HashMap<>();

    Lookups(AuthentikObjects session) {
        this.session = session;
    }

    /** The object of {@code kind} with {@code key}; of several, the first {@code preferred} one, else the first. */
    Optional<ObjectNode> find(Kind kind, Map<String, String> key, Predicate<ObjectNode> preferred) {
        String parent = kind.batchField() == null ? null : key.get(kind.batchField());
        if (parent == null) {
            return session.find(kind, key);
        }
        List<ObjectNode> all = session.list(kind, Map.of(kind.keyFilters().get(kind.batchField()), parent));
        List<ObjectNode> hits = all.stream().filter(o -> kind.matches(o, key)).toList();
        if (hits.size() > 1 && kind != Kind.FLOW_STAGE_BINDING) {
            throw new AuthentikException.Rejected(
                    "authentik holds " + hits.size() + " " + kind.label() + " objects for " + key, List.of());
        }
        // a stage bound twice in one flow: a default blueprint applied again after an upgrade binds it at its
        // fresh-install order next to ours (blueprint identifiers include the order). Keep the binding that
        // already has the wanted fields, else the first; the others are surplus
        ObjectNode keep = hits.stream().filter(preferred).findFirst().orElse(hits.isEmpty() ? null : hits.getFirst());
        hits.stream().filter(o -> o != keep).forEach(o -> surplus.computeIfAbsent(new Locks.Key(kind, key),
                k -> new ArrayList<>()).add(o));
        return Optional.ofNullable(keep);
    }

    /** The surplus copies found for {@code key}, handed over once. */
    List<ObjectNode> takeSurplus(Kind kind, Map<String, String> key) {
        List<ObjectNode> found = surplus.remove(new Locks.Key(kind, key));
        return found == null ? List.of() : found;
    }
}
