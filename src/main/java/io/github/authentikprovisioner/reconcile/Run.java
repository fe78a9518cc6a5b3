package io.github.authentikprovisioner.reconcile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.github.authentikprovisioner.authentik.AuthentikException;
import io.github.authentikprovisioner.authentik.AuthentikObjects;
import io.github.authentikprovisioner.authentik.Kind;

/** One reconcile: the state of a single plan being made or applied. */
final class Run implements Resolver {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);
    private final AuthentikObjects session;
    private final boolean write;
    private final Map<Ref, Desired> desiredByRef = new HashMap<>();
    private final Map<Ref, ObjectNode> objects = new LinkedHashMap<>();
    /** Objects that must exist, read before any write so a missing one stops the run untouched. */
    private final Map<Ref, ObjectNode> preflight = new HashMap<>();
    private final List<Change> changes = new ArrayList<>();
    /** The desired objects this run created or changed (would, in a dry run), for {@link Desired.Resave}. */
    private final Set<Ref> written = new HashSet<>();

    private final Locks locks;
    private final Lookups lookups;

    Run(AuthentikObjects session, boolean write, Locks locks) {
        this.session = session;
        this.write = write;
        this.locks = locks;
        this.lookups = new Lookups(session);
    }

    Outcome execute(List<Desired> desired) {
        for (Desired d : desired) {
            desiredByRef.put(d.ref(), d);
        }
        List<Desired> ordered = DependencyOrder.sort(desired);
        session.prefetch(DesiredRefs.kindsOf(desired));
        for (Desired d : ordered) {
            if (d instanceof Desired.Present p && p.owner() != null && !p.mustExist()) {
                Optional<Map<String, String>> key = resolveKey(p.key());
                Optional<ObjectNode> found = key.isEmpty() ? Optional.empty() : session.find(p.kind(), key.get());
                found.ifPresent(o -> checkOwner(p, o));
                found.ifPresent(o -> preflight.put(p.ref(), o));
            }
        }
        for (Desired d : ordered) {
            if (d instanceof Desired.Present p && p.mustExist()) {
                Map<String, String> key = resolveKey(p.key()).orElseThrow(() -> new Conflict.MissingObject(p.ref()));
                Optional<ObjectNode> found = session.find(p.kind(), key);
                if (found.isPresent() || write || !session.plannedCreate(p.kind(), key)) {
                    preflight.put(p.ref(), found.orElseThrow(() -> new Conflict.MissingObject(p.ref())));
                }
            }
        }
        // objects only referred to (default flows, managed scope mappings, the group a binding is keyed by) must
        // exist too: found missing before the first write, the run stops with nothing half-created; the lookups
        // use the snapshot anyway
        for (Desired d : ordered) {
            if (d instanceof Desired.Present p) {
                java.util.stream.Stream.concat(p.fields().values().stream().flatMap(DesiredRefs::referencedRefs),
                        p.key().parts().values().stream().filter(Ref.class::isInstance).map(Ref.class::cast))
                        .filter(ref -> !desiredByRef.containsKey(ref)).forEach(this::pk);
            }
        }
        for (Desired d : ordered) {
            switch (d) {
                case Desired.Present p -> present(p);
                case Desired.Absent a -> absent(a);
            }
        }
        return new Outcome(!write, changes, objects);
    }

    private void present(Desired.Present p) {
        Optional<Map<String, String>> key = resolveKey(p.key());
        if (key.isEmpty()) {
            // the key refers to an object this dry run would create, so this one cannot exist yet either
            planCreate(p, null);
            return;
        }
        Map<String, Resolved> fields = resolveFields(p);
        Predicate<ObjectNode> asWanted = o -> Patching.differing(fields, o).isEmpty();
        if (!write) {
            Optional<ObjectNode> actual = refuseTaken(p, key.get()) ? Optional.empty()
                    : p.mustExist() || preflight.containsKey(p.ref())
                    ? Optional.ofNullable(preflight.get(p.ref())) : lookups.find(p.kind(), key.get(), asWanted);
            if (actual.isEmpty() && session.plannedCreate(p.kind(), key.get())) {
                // an earlier plan of this dry run creates it: this one would change what that one made
                written.add(p.ref());
                changes.add(new Change(Change.Action.UPDATE, p.kind().label(), p.name(), null,
                        List.copyOf(p.fields().keySet())));
            } else if (actual.isEmpty()) {
                planCreate(p, key.get());
            } else {
                objects.put(p.ref(), actual.get());
                List<String> differing = Patching.differing(fields, actual.get());
                if (!differing.isEmpty()) {
                    written.add(p.ref());
                }
                changes.add(differing.isEmpty() && resaveDue(p) ? resaved(p, actual.get())
                        : change(p, actual.get(), differing));
            }
            removeSurplus(p.kind(), key.get(), p.name());
            return;
        }
        boolean readModifyWrite = fields.values().stream().anyMatch(Resolved::readModifyWrite);
        Locks.Key id = new Locks.Key(p.kind(), key.get());
        locks.exclusively(id, () -> {
            Optional<ObjectNode> actual = refuseTaken(p, key.get()) ? Optional.empty()
                    : p.mustExist() || preflight.containsKey(p.ref())
                    ? Optional.of(preflight.get(p.ref())) : lookups.find(p.kind(), key.get(), asWanted);
            if (actual.isPresent() && readModifyWrite && !Patching.differing(fields, actual.get()).isEmpty()) {
                // a shared list or map about to change is read again under the lock, so another writer's
                // entries since the snapshot are kept
                actual = session.findFresh(p.kind(), key.get());
            }
            if (actual.isEmpty() && p.kind().batchField() != null && locks.changedSince(id, session)) {
                // about to create an object without a unique name: another request of this process may have
                // created it after our read, so look again, under the lock
                actual = session.findFresh(p.kind(), key.get());
            }
            ObjectNode result = actual.isPresent() ? update(p, actual.get(), fields) : create(p, key.get(), fields);
            objects.put(p.ref(), result);
            removeSurplus(p.kind(), key.get(), p.name());
            return result;
        });
    }

    /** Deletes (or, in a dry run, plans deleting) the surplus copies {@link Lookups#find} found of one object. */
    private void removeSurplus(Kind kind, Map<String, String> key, String name) {
        for (ObjectNode extra : lookups.takeSurplus(kind, key)) {
            if (write) {
                session.delete(kind, extra.get(kind.idField()).asText());
                LOG.infof("deleted surplus %s '%s'", kind.label(), name);
            }
            changes.add(new Change(Change.Action.DELETE, kind.label(), name, Patching.pkOf(kind, extra), List.of()));
        }
    }

    private void checkOwner(Desired.Present p, ObjectNode existing) {
        JsonNode owner = existing.get(p.owner().field());
        if (owner != null && !owner.isNull() && !owner.asText().isEmpty()
                && !owner.asText().equals(p.owner().value())) {
            throw new Conflict.OwnedElsewhere(p.kind().label() + " '" + p.name() + "' belongs to '"
                    + owner.asText() + "' (its " + p.owner().field() + "), not to '" + p.owner().value()
                    + "'; choose another name");
        }
    }

    /**
     * For an object that must be new: 409 when anything holds its natural key already (however many: names
     * authentik does not keep unique may be taken twice), before anything of it is written; true when it is free.
     * False for other objects, which are looked up as usual.
     */
    private boolean refuseTaken(Desired.Present p, Map<String, String> key) {
        if (!(p.existence() instanceof Desired.Existence.New fresh)) {
            return false;
        }
        Map<String, String> filters = new LinkedHashMap<>();
        key.forEach((field, value) -> {
            String filter = p.kind().keyFilters().get(field);
            if (filter != null) {
                filters.put(filter, value);
            }
        });
        boolean taken = filters.isEmpty() ? session.get(p.kind(), key.get(p.kind().idField())).isPresent()
                : session.list(p.kind(), filters).stream().anyMatch(o -> p.kind().matches(o, key));
        if (taken) {
            throw new Conflict.Exists(p.kind().label() + " '" + p.name() + "' exists already; " + fresh.otherwise());
        }
        return true;
    }

    private void planCreate(Desired.Present p, Map<String, String> key) {
        if (!p.kind().creatable() || p.mustExist()) {
            throw new Conflict.MissingObject(p.ref());
        }
        written.add(p.ref());
        if (key != null) {
            session.planCreate(p.kind(), key);
        }
        changes.add(new Change(Change.Action.CREATE, p.kind().label(), p.name(), null,
                List.copyOf(p.fields().keySet())));
    }

    private ObjectNode create(Desired.Present p, Map<String, String> key, Map<String, Resolved> fields) {
        if (!p.kind().creatable() || p.mustExist()) {
            throw new Conflict.MissingObject(p.ref());
        }
        ObjectNode body = Json.NODES.objectNode();
        p.key().parts().forEach((field, value) -> body.set(field,
                value instanceof Ref r ? pk(r) : TextNode.valueOf((String) value)));
        fields.forEach((name, field) -> body.set(name, field.write(null)));
        ObjectNode created;
        try {
            created = session.create(p.kind(), body);
        } catch (AuthentikException.Rejected e) {
            // another writer (another instance of this service, a person) created it since we looked
            Optional<ObjectNode> raced = e.mayBeTaken(key.keySet()) ? session.findFresh(p.kind(), key)
                    : Optional.empty();
            if (raced.isEmpty()) {
                throw e;
            }
            if (p.existence() instanceof Desired.Existence.New) {
                throw new Conflict.Exists(p.kind().label() + " '" + p.name() + "' was created by another writer "
                        + "meanwhile");
            }
            return update(p, raced.get(), fields);
        }
        written.add(p.ref());
        LOG.infof("created %s '%s'", p.kind().label(), p.name());
        changes.add(new Change(Change.Action.CREATE, p.kind().label(), p.name(), Patching.pkOf(p.kind(), created),
                List.copyOf(p.fields().keySet())));
        return created;
    }

    private ObjectNode update(Desired.Present p, ObjectNode actual, Map<String, Resolved> fields) {
        List<String> differing = Patching.differing(fields, actual);
        if (differing.isEmpty() && resaveDue(p)) {
            // an empty PATCH: authentik saves the object unchanged, and its post_save signals run
            ObjectNode saved = session.patch(p.kind(), actual.get(p.kind().idField()).asText(), Patching.companions(p,
                    Json.NODES.objectNode(), fields, actual));
            LOG.infof("saved %s '%s' again (%s)", p.kind().label(), p.name(), Desired.Resave.FIELD);
            changes.add(resaved(p, saved));
            return saved;
        }
        if (differing.isEmpty()) {
            changes.add(change(p, actual, differing));
            return actual;
        }
        written.add(p.ref());
        ObjectNode current = Patching.untilMatching(session, p, actual, fields, differing);
        LOG.infof("updated %s '%s': %s", p.kind().label(), p.name(), differing);
        changes.add(new Change(Change.Action.UPDATE, p.kind().label(), p.name(), Patching.pkOf(p.kind(), current),
                differing));
        return current;
    }

    private void absent(Desired.Absent a) {
        Optional<Map<String, String>> key = resolveKey(a.key());
        Optional<ObjectNode> actual = key.isEmpty() ? Optional.empty() : lookups.find(a.kind(), key.get(), o -> false);
        if (actual.isEmpty()) {
            changes.add(new Change(Change.Action.NONE, a.kind().label(), a.name(), null, List.of()));
            return;
        }
        if (write) {
            locks.exclusively(new Locks.Key(a.kind(), key.get()),
                    () -> session.delete(a.kind(), actual.get().get(a.kind().idField()).asText()));
            LOG.infof("deleted %s '%s'", a.kind().label(), a.name());
        }
        changes.add(new Change(Change.Action.DELETE, a.kind().label(), a.name(), Patching.pkOf(a.kind(), actual.get()),
                List.of()));
        removeSurplus(a.kind(), key.get(), a.name());
    }

    /** Whether {@code p}, matching already, is saved again: see {@link Desired.Resave}. */
    private boolean resaveDue(Desired.Present p) {
        return p.resave().always() || p.resave().after().stream().anyMatch(written::contains);
    }

    private Change resaved(Desired.Present p, ObjectNode actual) {
        return new Change(Change.Action.UPDATE, p.kind().label(), p.name(), Patching.pkOf(p.kind(), actual),
                List.of(Desired.Resave.FIELD));
    }

    private Change change(Desired.Present p, ObjectNode actual, List<String> differing) {
        return new Change(differing.isEmpty() ? Change.Action.NONE : Change.Action.UPDATE, p.kind().label(),
                p.name(), Patching.pkOf(p.kind(), actual), differing);
    }

    private Map<String, Resolved> resolveFields(Desired.Present p) {
        Map<String, Resolved> out = new LinkedHashMap<>();
        p.fields().forEach((name, field) -> out.put(name, field.resolve(this)));
        return out;
    }

    /** The key with refs resolved to pks; empty when a ref points to an object this dry run would create. */
    private Optional<Map<String, String>> resolveKey(Key key) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : key.parts().entrySet()) {
            if (e.getValue() instanceof Ref r) {
                JsonNode pk = pk(r);
                if (pk instanceof Placeholder) {
                    return Optional.empty();
                }
                out.put(e.getKey(), pk.asText());
            } else {
                out.put(e.getKey(), (String) e.getValue());
            }
        }
        return Optional.of(out);
    }

    @Override
    public JsonNode pk(Ref ref) {
        JsonNode pk = pkIfExists(ref);
        if (pk == null) {
            throw new Conflict.MissingObject(ref);
        }
        return pk;
    }

    @Override
    public JsonNode pkIfExists(Ref ref) {
        ObjectNode known = objects.get(ref);
        if (known != null) {
            return known.get(ref.kind().pkField());
        }
        Desired inPlan = desiredByRef.get(ref);
        if (inPlan instanceof Desired.Present && !write) {
            return new Placeholder(ref);
        }
        Optional<Map<String, String>> key = resolveKey(ref.key());
        if (key.isEmpty()) {
            return new Placeholder(ref);
        }
        Optional<ObjectNode> found = session.find(ref.kind(), key.get());
        if (found.isEmpty() && !write && session.plannedCreate(ref.kind(), key.get())) {
            return new Placeholder(ref);
        }
        return found.map(o -> o.get(ref.kind().pkField())).orElse(null);
    }
}
