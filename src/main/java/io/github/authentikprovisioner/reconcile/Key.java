package io.github.authentikprovisioner.reconcile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The natural key of an authentik object: the fields that identify it (a name, a slug, a managed id, or for a binding
 * its target and stage). Values are strings or {@link Ref}s to other objects whose pk is not known yet.
 */
public record Key(Map<String, Object> parts) {

    public Key {
        for (Object v : parts.values()) {
            if (!(v instanceof String) && !(v instanceof Ref)) {
                throw new IllegalArgumentException("key values are strings or refs, got " + v);
            }
        }
        parts = Collections.unmodifiableMap(new LinkedHashMap<>(parts));
    }

    public static Key of(String field, Object value) {
        return new Key(Map.of(field, value));
    }

    public static Key of(String field1, Object value1, String field2, Object value2) {
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put(field1, value1);
        parts.put(field2, value2);
        return new Key(parts);
    }

    @Override
    public String toString() {
        if (parts.size() == 1) {
            return String.valueOf(parts.values().iterator().next());
        }
        return parts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
