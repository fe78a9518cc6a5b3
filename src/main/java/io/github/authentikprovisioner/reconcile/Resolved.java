package io.github.authentikprovisioner.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A {@link Field} whose references are pks: it can tell whether an actual value satisfies it and what to write.
 * Partial forms (contains, lacks, entries) compute what to write from the actual value: a read-modify-write that
 * the engine serializes and verifies.
 */
sealed interface Resolved {

    /** Whether {@code actual} (null when the object does not exist yet) already satisfies this field. */
    boolean satisfiedBy(JsonNode actual);

    /** The value to send, given the current {@code actual} value (null on create). */
    JsonNode write(JsonNode actual);

    /** True when the written value depends on the current value, so a concurrent writer could be lost. */
    default boolean readModifyWrite() {
        return false;
    }

    record Exact(JsonNode value, boolean unordered) implements Resolved {
        @Override
        public boolean satisfiedBy(JsonNode actual) {
            return unordered ? Json.sameSet(value, actual) : Json.same(value, actual);
        }

        @Override
        public JsonNode write(JsonNode actual) {
            return value;
        }
    }

    record Includes(List<JsonNode> items) implements Resolved {
        @Override
        public boolean satisfiedBy(JsonNode actual) {
            return items.stream().allMatch(i -> Json.contains(actual, i));
        }

        @Override
        public JsonNode write(JsonNode actual) {
            List<JsonNode> out = new ArrayList<>(Json.elements(actual));
            for (JsonNode item : items) {
                if (out.stream().noneMatch(e -> Json.same(e, item))) {
                    out.add(item);
                }
            }
            return Json.array(out);
        }

        @Override
        public boolean readModifyWrite() {
            return true;
        }
    }

    record Excludes(List<JsonNode> items) implements Resolved {
        @Override
        public boolean satisfiedBy(JsonNode actual) {
            return items.stream().noneMatch(i -> Json.contains(actual, i));
        }

        @Override
        public JsonNode write(JsonNode actual) {
            List<JsonNode> out = new ArrayList<>();
            for (JsonNode e : Json.elements(actual)) {
                if (items.stream().noneMatch(i -> Json.same(i, e))) {
                    out.add(e);
                }
            }
            return Json.array(out);
        }

        @Override
        public boolean readModifyWrite() {
            return true;
        }
    }

    record Entries(ObjectNode entries) implements Resolved {
        @Override
        public boolean satisfiedBy(JsonNode actual) {
            if (actual == null || !actual.isObject()) {
                return entries.isEmpty();
            }
            for (Map.Entry<String, JsonNode> e : entries.properties()) {
                if (!actual.has(e.getKey()) || !Json.same(e.getValue(), actual.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public JsonNode write(JsonNode actual) {
            ObjectNode out = actual != null && actual.isObject() ? ((ObjectNode) actual).deepCopy()
                    : Json.NODES.objectNode();
            out.setAll(entries);
            return out;
        }

        @Override
        public boolean readModifyWrite() {
            return true;
        }
    }

    record WithoutEntries(Set<String> keys) implements Resolved {
        @Override
        public boolean satisfiedBy(JsonNode actual) {
            return actual == null || !actual.isObject() || keys.stream().noneMatch(actual::has);
        }

        @Override
        public JsonNode write(JsonNode actual) {
            ObjectNode out = actual != null && actual.isObject() ? ((ObjectNode) actual).deepCopy()
                    : Json.NODES.objectNode();
            out.remove(keys);
            return out;
        }

        @Override
        public boolean readModifyWrite() {
            return true;
        }
    }
}
