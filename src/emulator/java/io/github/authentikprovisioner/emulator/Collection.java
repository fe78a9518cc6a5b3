package io.github.authentikprovisioner.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One emulated object collection of authentik's API, e.g. {@code providers/proxy}: how its objects are addressed,
 * which model defaults and uniqueness rules apply, which fields point at other objects, and its display metadata
 * (the {@code component}/{@code verbose_name} fields every typed object carries).
 */
final class Collection {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How primary keys are generated. */
    enum PkType { INT, UUID }

    final String path;
    final String schema;
    final String model;
    final PkType pkType;
    String pkField = "pk";
    String idField = "pk";
    /** Shared namespace for uniqueness and pk sequences across types (provider, stage, policy, mapping). */
    String family;
    final List<String> unique = new java.util.ArrayList<>();
    final ObjectNode defaults = JSON.createObjectNode();
    /** Field name to the pool of objects it refers to (see {@link Pools}). */
    final Map<String, String> foreignKeys = new LinkedHashMap<>();
    String component;
    String verboseName;
    String verboseNamePlural;
    boolean policyBindingTarget;

    Collection(String path, String schema, String model, PkType pkType) {
        this.path = path;
        this.schema = schema;
        this.model = model;
        this.pkType = pkType;
    }

    Collection family(String family) {
        this.family = family;
        return this;
    }

    Collection ids(String pkField, String idField) {
        this.pkField = pkField;
        this.idField = idField;
        return this;
    }

    Collection unique(String... fields) {
        unique.addAll(List.of(fields));
        return this;
    }

    Collection display(String component, String verboseName, String verboseNamePlural) {
        this.component = component;
        this.verboseName = verboseName;
        this.verboseNamePlural = verboseNamePlural;
        return this;
    }

    Collection defaults(String json) {
        try {
            defaults.setAll((ObjectNode) JSON.readTree(json.replace('\'', '"')));
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
        return this;
    }

    Collection fk(String field, String pool) {
        foreignKeys.put(field, pool);
        return this;
    }

    /** Objects of this collection can be targets of policy bindings (they have a {@code pbm_uuid}). */
    Collection bindingTarget() {
        this.policyBindingTarget = true;
        return this;
    }

    String metaModelName() {
        return model;
    }

    JsonNode pkOf(ObjectNode o) {
        return o.get(pkField);
    }

    String idOf(ObjectNode o) {
        return o.get(idField).asText();
    }

    @Override
    public String toString() {
        return path;
    }
}
