package io.github.authentikprovisioner.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;

/** JSON value helpers for diffing: authentik's equality, not Jackson's (1 equals 1L, null equals missing). */
final class Json {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** A JSON value for a plain Java value: strings, numbers, booleans, lists and maps of them, or a node. */
    static JsonNode node(Object value) {
        if (value == null) {
            return NullNode.instance;
        }
        if (value instanceof JsonNode n) {
            return n;
        }
        if (value instanceof List<?> || value instanceof Map<?, ?>) {
            return MAPPER.valueToTree(value);
        }
        return MAPPER.valueToTree(value);
    }

    static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    /** Equal as authentik means it: numbers by value, null and missing alike, objects and arrays recursively. */
    static boolean same(JsonNode a, JsonNode b) {
        if (isAbsent(a) || isAbsent(b)) {
            return isAbsent(a) && isAbsent(b);
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> e : a.properties()) {
                if (!same(e.getValue(), b.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isValueNode() && b.isValueNode() && a.isTextual() != b.isTextual()) {
            // pks come back as numbers in one place and as strings in another
            return a.asText().equals(b.asText());
        }
        return a.equals(b);
    }

    /** Whether {@code array} holds an element {@link #same} as {@code item}. */
    static boolean contains(JsonNode array, JsonNode item) {
        if (array == null || !array.isArray()) {
            return false;
        }
        for (JsonNode e : array) {
            if (same(e, item)) {
                return true;
            }
        }
        return false;
    }

    /** Same elements regardless of order and duplicates. */
    static boolean sameSet(JsonNode a, JsonNode b) {
        List<JsonNode> left = elements(a);
        List<JsonNode> right = elements(b);
        return left.stream().allMatch(x -> right.stream().anyMatch(y -> same(x, y)))
                && right.stream().allMatch(y -> left.stream().anyMatch(x -> same(x, y)));
    }

    static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(out::add);
        }
        return out;
    }

    static ArrayNode array(List<JsonNode> items) {
        ArrayNode a = NODES.arrayNode();
        items.forEach(a::add);
        return a;
    }
}
