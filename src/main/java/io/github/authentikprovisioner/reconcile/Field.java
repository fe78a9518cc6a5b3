package io.github.authentikprovisioner.reconcile;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How one managed field of a desired object should look. Most fields are a plain value; set-valued and map-valued
 * fields that other recipes share (the outpost's providers, a group's attributes) say only what must be in them or
 * not, so a recipe never drops what another one put there.
 */
public sealed interface Field {

    /** This field with every {@link Ref} turned into a pk by {@code pks}. */
    Resolved resolve(Resolver pks);

    /**
     * Exactly this value (strings, numbers, booleans, lists, maps or JSON). A string is taken without whitespace at
     * either end, as authentik stores it: its serializers trim every text field (DRF's {@code CharField} default
     * {@code trim_whitespace=True}) with Python's {@code str.strip()} ({@link PythonText}), so an untrimmed value
     * would be written again on every run.
     */
    static Field of(Object value) {
        return new Value(Json.node(value instanceof String text ? PythonText.strip(text) : value), false);
    }

    /** Exactly these elements, in any order. */
    static Field setOf(Collection<?> values) {
        return new Value(Json.node(List.copyOf(values)), true);
    }

    /** The pk of another object. */
    static Field ref(Ref ref) {
        return new RefTo(ref);
    }

    /** Exactly the pks of these objects, in any order. */
    static Field refs(List<Ref> refs) {
        return new RefSet(List.copyOf(refs), true);
    }

    /** Exactly the pks of these objects, in this order. */
    static Field orderedRefs(List<Ref> refs) {
        return new RefSet(List.copyOf(refs), false);
    }

    /** The list holds these items (values or refs); other items are kept. */
    static Field includes(List<?> items) {
        return new Includes(List.copyOf(items));
    }

    /** The list holds none of these items (values or refs); other items are kept. */
    static Field excludes(List<?> items) {
        return new Excludes(List.copyOf(items));
    }

    /** The object holds these entries; other entries are kept. */
    static Field entries(Map<String, ?> entries) {
        return new Entries((ObjectNode) Json.node(entries));
    }

    /** The object holds none of these keys; other entries are kept. */
    static Field withoutEntries(Set<String> keys) {
        return new WithoutEntries(Set.copyOf(keys));
    }

    record Value(JsonNode value, boolean unordered) implements Field {
        @Override
        public Resolved resolve(Resolver pks) {
            return new Resolved.Exact(value, unordered);
        }
    }

    record RefTo(Ref ref) implements Field {
        @Override
        public Resolved resolve(Resolver pks) {
            return new Resolved.Exact(pks.pk(ref), false);
        }
    }

    record RefSet(List<Ref> refs, boolean unordered) implements Field {
        @Override
        public Resolved resolve(Resolver pks) {
            return new Resolved.Exact(Json.array(refs.stream().map(pks::pk).toList()), unordered);
        }
    }

    record Includes(List<Object> items) implements Field {
        @Override
        public Resolved resolve(Resolver pks) {
            return new Resolved.Includes(resolveAll(items, pks::pk));
        }
    }

    record Excludes(List<Object> items) implements Field {
        @Override
        public Resolved resolve(Resolver pks) {
            // an object that does not exist is trivially not in the list
            return new Resolved.Excludes(resolveAll(items, pks::pkIfExists));
        }
    }

    record Entries(ObjectNode entries) implements Field {
        @Override
        public Resolved resolve(Resolver pks) {
            return new Resolved.Entries(entries);
        }
    }

    record WithoutEntries(Set<String> keys) implements Field {
        @Override
        public Resolved resolve(Resolver pks) {
            return new Resolved.WithoutEntries(keys);
        }
    }

    private static List<JsonNode> resolveAll(List<Object> items, Function<Ref, JsonNode> pks) {
        List<JsonNode> out = new ArrayList<>();
        for (Object item : items) {
            JsonNode node = item instanceof Ref r ? pks.apply(r) : Json.node(item);
            if (node != null) {
                out.add(node);
            }
        }
        return out;
    }
}
