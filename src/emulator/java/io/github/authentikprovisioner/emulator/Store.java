package io.github.authentikprovisioner.emulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * The emulator's database: objects per collection in insertion order, pk sequences shared the way authentik's
 * multi-table models share them (all providers draw from one sequence). Not thread-safe; the emulator serializes
 * access.
 */
final class Store {

    final Catalog catalog;
    private final Map<Collection, LinkedHashMap<String, ObjectNode>> objects = new HashMap<>();
    private final Map<String, Integer> sequences = new HashMap<>();
    /** System settings: a singleton, not a collection. */
    ObjectNode settings;

    Store(Catalog catalog) {
        this.catalog = catalog;
        catalog.all().forEach(c -> objects.put(c, new LinkedHashMap<>()));
    }

    Stream<ObjectNode> all(Collection c) {
        return objects.get(c).values().stream();
    }

    List<ObjectNode> list(Collection c) {
        return new ArrayList<>(objects.get(c).values());
    }

    /** Finds an object by the field its detail path uses (pk, slug or brand_uuid). */
    Optional<ObjectNode> byId(Collection c, String id) {
        if (c.idField.equals(c.pkField)) {
            return Optional.ofNullable(objects.get(c).get(id));
        }
        return all(c).filter(o -> id.equals(o.path(c.idField).asText())).findFirst();
    }

    /**
     * Finds an object by pk anywhere in a pool (e.g. any stage type). A policy-binding target is found by its
     * PolicyBindingModel pk or by its own pk, as authentik's {@code PolicyBindingModelForeignKey} accepts both.
     */
    Optional<Located> inPool(String pool, String pk) {
        for (Collection c : catalog.pool(pool)) {
            for (ObjectNode o : objects.get(c).values()) {
                JsonNode own = c.pkOf(o);
                JsonNode pbm = Catalog.BINDING_TARGET.equals(pool) ? o.get("policybindingmodel_ptr_id") : null;
                if (own != null && own.asText().equals(pk) || pbm != null && pbm.asText().equals(pk)) {
                    return Optional.of(new Located(c, o));
                }
            }
        }
        return Optional.empty();
    }

    Stream<Located> allInPool(String pool) {
        return catalog.pool(pool).stream().flatMap(c -> all(c).map(o -> new Located(c, o)));
    }

    /** Stores a new object, assigning its pk (and the policy-binding-model id of binding targets). */
    ObjectNode insert(Collection c, ObjectNode o) {
        JsonNode pk;
        if (c.pkType == Collection.PkType.INT) {
            String sequence = c.family != null ? c.family : c.path;
            int next = sequences.merge(sequence, 1, Integer::sum);
            pk = IntNode.valueOf(next);
        } else {
            pk = TextNode.valueOf(UUID.randomUUID().toString());
        }
        o.set(c.pkField, pk);
        if (c.policyBindingModelPtr) {
            o.put("policybindingmodel_ptr_id", UUID.randomUUID().toString());
        }
        objects.get(c).put(pk.asText(), o);
        return o;
    }

    void remove(Collection c, ObjectNode o) {
        objects.get(c).remove(c.pkOf(o).asText());
    }

    /** authentik's notion of now, which tests move forward ({@link AuthentikEmulator#advanceClock}). */
    java.time.Instant now = java.time.Instant.now();

    void clear() {
        objects.values().forEach(Map::clear);
        sequences.clear();
        settings = null;
        now = java.time.Instant.now();
    }

    /** An object and the collection it lives in. */
    record Located(Collection collection, ObjectNode object) {
    }
}
