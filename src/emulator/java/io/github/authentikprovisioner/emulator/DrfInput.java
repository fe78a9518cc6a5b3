package io.github.authentikprovisioner.emulator;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** How a DRF serializer takes a request body in: an object, and required text fields of it (rest_framework). */
final class DrfInput {

    private DrfInput() {
    }

    /** The body as an object; anything else is the serializer's 400 (Serializer.to_internal_value). */
    static ObjectNode object(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiError.field("non_field_errors", "Invalid data. Expected a dictionary, but got "
                    + (body == null ? "nothing" : body.getNodeType().name().toLowerCase(Locale.ROOT)) + ".");
        }
        return (ObjectNode) body;
    }

    /**
     * A required DRF {@code CharField} of a passive serializer's body, trimmed as Python trims: missing, null or blank
     * (after trimming) is a 400 naming the field (rest_framework/fields.py). set_password's and set_key's fields are
     * such fields (authentik/core/api/users.py UserPasswordSetSerializer, core/api/tokens.py TokenSetKeySerializer).
     */
    static String requiredText(JsonNode body, String field) {
        JsonNode value = object(body).get(field);
        if (value == null) {
            throw ApiError.field(field, "This field is required.");
        }
        if (value.isNull()) {
            throw ApiError.field(field, "This field may not be null.");
        }
        String text = DrfText.strip(value.asText());
        if (text.isEmpty()) {
            throw ApiError.field(field, "This field may not be blank.");
        }
        return text;
    }
}
