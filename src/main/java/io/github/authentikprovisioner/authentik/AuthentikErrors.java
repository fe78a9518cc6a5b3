package io.github.authentikprovisioner.authentik;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns an authentik error response into the matching {@link AuthentikException}; shared by every area client's
 * {@code @ClientExceptionMapper}.
 */
final class AuthentikErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuthentikErrors() {
    }

    static RuntimeException from(Response response) {
        int status = response.getStatus();
        String body = readBody(response);
        if (status == 404) {
            return new AuthentikException.NotFound(detail(body, "not found"));
        }
        if (status == 401 || status == 403) {
            return new AuthentikException.TokenRefused(detail(body, "authentik refused the API token"));
        }
        if (status >= 500) {
            return new AuthentikException.Unavailable("authentik answered " + status, null);
        }
        List<AuthentikException.FieldError> errors = fieldErrors(body);
        String message = errors.isEmpty()
                ? detail(body, "authentik rejected the request (" + status + ")")
                : String.join("; ", errors.stream().map(e -> e.field() + ": " + e.message()).toList());
        return new AuthentikException.Rejected(message, errors);
    }

    private static String readBody(Response response) {
        try {
            return response.hasEntity() ? response.readEntity(String.class) : "";
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static String detail(String body, String fallback) {
        JsonNode node = parse(body);
        return node != null && node.hasNonNull("detail") ? node.get("detail").asText() : fallback;
    }

    /** Flattens DRF's {@code {"field": ["msg"], "nested": {"field": ["msg"]}}} into dotted field names. */
    static List<AuthentikException.FieldError> fieldErrors(String body) {
        JsonNode node = parse(body);
        List<AuthentikException.FieldError> out = new ArrayList<>();
        if (node != null && node.isObject() && !node.has("detail")) {
            collect("", node, out);
        }
        return out;
    }

    private static void collect(String prefix, JsonNode node, List<AuthentikException.FieldError> out) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String field = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            JsonNode value = e.getValue();
            if (value.isArray()) {
                for (JsonNode m : value) {
                    if (m.isObject()) {
                        collect(field, m, out);
                    } else {
                        out.add(new AuthentikException.FieldError(field, m.asText()));
                    }
                }
            } else if (value.isObject()) {
                collect(field, value, out);
            } else if (!"code".equals(e.getKey())) {
                out.add(new AuthentikException.FieldError(field, value.asText()));
            }
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }
}
