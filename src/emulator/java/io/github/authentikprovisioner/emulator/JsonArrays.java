package io.github.authentikprovisioner.emulator;

import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * The stored form of many-to-many relations, a JSON array of pks, read and changed by pk text (an int pk and its
 * text compare equal).
 */
final class JsonArrays {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonArrays() {
    }

    /** Whether {@code array} holds {@code value}; false when either is missing or not an array. */
    static boolean contains(JsonNode array, JsonNode value) {
        if (array == null || !array.isArray() || value == null) {
            return false;
        }
        for (JsonNode e : array) {
            if (e.asText().equals(value.asText())) {
                return true;
            }
        }
        return false;
    }

    /** A copy of {@code array} without {@code pk}. */
    static ArrayNode without(ArrayNode array, String pk) {
        ArrayNode out = JSON.createArrayNode();
        array.forEach(e -> {
            if (!e.asText().equals(pk)) {
                out.add(e);
            }
        });
        return out;
    }

    /** A copy of {@code array} with each pk once, in first-seen order. */
    static ArrayNode distinct(ArrayNode array) {
        ArrayNode out = JSON.createArrayNode();
        Set<String> seen = new HashSet<>();
        array.forEach(e -> {
            if (seen.add(e.asText())) {
                out.add(e);
            }
        });
        return out;
    }

    /** The pks of {@code array} as texts; empty when it is missing or not an array. */
    static Set<String> texts(JsonNode array) {
        Set<String> out = new HashSet<>();
        if (array != null && array.isArray()) {
            array.forEach(e -> out.add(e.asText()));
        }
        return out;
    }
}
