package io.github.authentikprovisioner.desiredstate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.github.authentikprovisioner.api.Problem;

/**
 * A desired-state document: a YAML (or JSON) list in which every item names one recipe and its request, so each
 * recipe of the guide is one line:
 *
 * <pre>
 * - forwardAuth: {cookieDomain: example.com}
 * - servarr: {name: Prowlarr, slug: prowlarr, externalHost: https://prowlarr.example.com,
 *             username: admin, password: "${PROWLARR_PASSWORD}"}
 * </pre>
 *
 * <p>{@code ${NAME}} and {@code ${NAME:-default}} in string values are replaced from the environment, so secrets
 * stay out of the file. Only documents the operator configured are expanded, never request bodies: a caller must
 * not be able to read the service's environment.
 */
public final class DesiredStateDocument {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    /** One item of the document: its position, the recipe it names, and the request for that recipe. */
    public record Entry(int index, String recipe, JsonNode spec) {
        /** Where this entry's fields are reported in errors, e.g. {@code [2].servarr}. */
        public String path() {
            return "[" + index + "]." + recipe;
        }
    }

    private DesiredStateDocument() {
    }

    /** Reads a document without touching the environment (for request bodies). */
    public static List<Entry> parse(String text) {
        return parse(text, null);
    }

    /** Reads a document, expanding {@code ${NAME}} in string values with {@code environment} (for files). */
    public static List<Entry> parseExpanding(String text, Map<String, String> environment) {
        return parse(text, value -> expand(value, environment));
    }

    private static List<Entry> parse(String text, UnaryOperator<String> expander) {
        JsonNode root;
        try {
            root = text == null || text.isBlank() ? YAML.createArrayNode() : YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidDesiredStateException(List.of(new Problem.FieldError("document",
                    "not valid YAML or JSON: " + e.getOriginalMessage())));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            root = YAML.createArrayNode();
        }
        if (!root.isArray()) {
            throw new InvalidDesiredStateException(List.of(new Problem.FieldError("document",
                    "must be a list of recipes, e.g. '- forwardAuth: {cookieDomain: example.com}'")));
        }
        List<Entry> entries = new ArrayList<>();
        List<Problem.FieldError> errors = new ArrayList<>();
        int i = 0;
        for (JsonNode item : (ArrayNode) root) {
            if (!item.isObject() || item.size() != 1 || !item.properties().iterator().next().getValue().isObject()) {
                errors.add(new Problem.FieldError("[" + i + "]",
                        "must name exactly one recipe with its request, e.g. 'forwardAuth: {...}'"));
            } else {
                Map.Entry<String, JsonNode> only = item.properties().iterator().next();
                JsonNode spec = only.getValue().deepCopy();
                if (expander != null) {
                    try {
                        spec = expandAll(spec, expander);
                    } catch (IllegalArgumentException e) {
                        errors.add(new Problem.FieldError("[" + i + "]." + only.getKey(), e.getMessage()));
                    }
                }
                entries.add(new Entry(i, only.getKey(), spec));
            }
            i++;
        }
        if (!errors.isEmpty()) {
            throw new InvalidDesiredStateException(errors);
        }
        return entries;
    }

    private static JsonNode expandAll(JsonNode node, UnaryOperator<String> expander) {
        if (node.isTextual()) {
            return TextNode.valueOf(expander.apply(node.asText()));
        }
        if (node.isObject()) {
            ((ObjectNode) node).properties().forEach(e -> e.setValue(expandAll(e.getValue(), expander)));
        } else if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                array.set(i, expandAll(array.get(i), expander));
            }
        }
        return node;
    }

    static String expand(String value, Map<String, String> environment) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = environment.get(m.group(1));
            if (replacement == null || replacement.isEmpty()) {
                if (m.group(2) == null) {
                    throw new IllegalArgumentException("environment variable " + m.group(1) + " is not set");
                }
                replacement = m.group(2);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
