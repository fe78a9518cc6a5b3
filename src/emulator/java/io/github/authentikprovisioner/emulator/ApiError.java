package io.github.authentikprovisioner.emulator;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An error answer in authentik's shapes: DRF validation bodies for 400, {@code {"detail"}} for the rest. */
final class ApiError extends RuntimeException {

    private static final ObjectMapper JSON = new ObjectMapper();

    final int status;
    final JsonNode body;

    private ApiError(int status, JsonNode body) {
        super(status + " " + body);
        this.status = status;
        this.body = body;
    }

    static ApiError detail(int status, String detail) {
        return new ApiError(status, JSON.createObjectNode().put("detail", detail));
    }

    static ApiError notFound() {
        return detail(404, "No Provider matches the given query.".replace("Provider", "object"));
    }

    /** 400 with one message for one field ({@code non_field_errors} for object-level rules). */
    static ApiError field(String field, String message) {
        return fields(Map.of(field, List.of(message)));
    }

    /**
     * 400 of a ValidationError raised with a dict whose value is a plain string: DRF leaves it a string, not a list
     * (rest_framework/exceptions.py, ValidationError.__init__ and _get_error_details).
     */
    static ApiError plain(String field, String message) {
        return new ApiError(400, JSON.createObjectNode().put(field, message));
    }

    static ApiError fields(Map<String, List<String>> errors) {
        ObjectNode body = JSON.createObjectNode();
        errors.forEach((f, messages) -> messages.forEach(m -> body.withArray(f).add(m)));
        return new ApiError(400, body);
    }
}
