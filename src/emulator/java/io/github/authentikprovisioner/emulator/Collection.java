package io.github.authentikprovisioner.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One emulated object collection of authentik's API, e.g. {@code providers/proxy}, written as a row of named steps in
 * {@link Catalog}: how its objects are addressed, which model defaults and uniqueness rules apply, which fields point
 * at other objects, its display metadata (the {@code component}/{@code verbose_name} fields every typed object
 * carries), and the rules by which it departs from plain CRUD ({@link Hooks}): normalization, validation, fields
 * computed at create, what a save or a delete changes elsewhere, its actions, how its list is narrowed, and the
 * read-only fields its answers compute. The rules themselves live in one class per collection or family (e.g.
 * {@link TokenRules}), next to their upstream citations.
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
    final List<String> unique = new ArrayList<>();
    final ObjectNode defaults = JSON.createObjectNode();
    /** Field name to the pool of objects it refers to (see {@link Catalog#pool}). */
    final Map<String, String> foreignKeys = new LinkedHashMap<>();
    String component;
    String verboseName;
    String verboseNamePlural;
    boolean policyBindingTarget;
    /** Binding targets whose objects carry a PolicyBindingModel pk of their own beside their pk. */
    boolean policyBindingModelPtr;
    /** The model's verbose name in DRF's unique message, where it is not {@link #verboseName}. */
    String uniqueModelName;
    /** Uniqueness is checked by a serializer's UniqueValidator, whose message names no model. */
    boolean uniqueValidator;
    /** The detail of a 404 for an id that is not found, where DRF's own message is answered. */
    String notFoundDetail;
    /** Collections of child models whose rows this one serves as its own (multi-table inheritance). */
    final List<String> childPaths = new ArrayList<>();
    /** Objects the viewset's queryset leaves out: never listed nor found. */
    Predicate<ObjectNode> hidden = o -> false;
    /** Answer fields a query parameter includes or nulls: field to its parameter and whether it is on by default. */
    final Map<String, Include> includes = new LinkedHashMap<>();
    final List<Hooks.Normalizer> normalizers = new ArrayList<>();
    final List<Hooks.Validator> validators = new ArrayList<>();
    final List<Hooks.Initializer> initializers = new ArrayList<>();
    final List<Hooks.AfterSave> afterSaves = new ArrayList<>();
    final List<Hooks.Cascade> cascades = new ArrayList<>();
    final List<Hooks.FilterCheck> filterChecks = new ArrayList<>();
    final List<Hooks.FilterView> filterViews = new ArrayList<>();
    final List<Hooks.Visibility> visibilities = new ArrayList<>();
    final List<Hooks.AnswerFields> answerFields = new ArrayList<>();
    final List<Hooks.BlueprintFields> blueprintFields = new ArrayList<>();
    /** Detail actions by {@code "<METHOD> <name>"}, {@link #ANY_METHOD} for one that answers every method itself. */
    private final Map<String, Hooks.Action> actions = new LinkedHashMap<>();
    /** Collection actions ({@code /<path>/<name>/}), keyed the same way. */
    private final Map<String, Hooks.Action> collectionActions = new LinkedHashMap<>();

    /** An action that is reached whatever the method, and answers each method itself. */
    static final String ANY_METHOD = "*";

    /** A query parameter that includes an answer field when true ({@code byDefault} when absent) and nulls it else. */
    record Include(String param, boolean byDefault) {
    }

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

    /**
     * Objects of this collection can be targets of policy bindings (they have a {@code pbm_uuid}), stored as their
     * own {@code policybindingmodel_ptr_id} beside their pk.
     */
    Collection bindingTarget() {
        this.policyBindingTarget = true;
        this.policyBindingModelPtr = true;
        return this;
    }

    /** Objects of this collection can be targets of policy bindings, and their pk is their PolicyBindingModel pk. */
    Collection bindingTargetByPk() {
        this.policyBindingTarget = true;
        return this;
    }

    /** DRF's unique message names the model as {@code name} (its verbose name). */
    Collection uniqueAs(String name) {
        this.uniqueModelName = name;
        return this;
    }

    /** Uniqueness is checked by a serializer's UniqueValidator: "This field must be unique." */
    Collection uniqueValidator() {
        this.uniqueValidator = true;
        return this;
    }

    /** A detail path with an unknown id answers 404 with this detail. */
    Collection notFound(String detail) {
        this.notFoundDetail = detail;
        return this;
    }

    /** Lists and addresses the rows of the child model at {@code path} as its own (Django multi-table inheritance). */
    Collection servesRowsOf(String path) {
        childPaths.add(path);
        return this;
    }

    /** The viewset's queryset leaves these objects out. */
    Collection hidden(Predicate<ObjectNode> which) {
        this.hidden = which;
        return this;
    }

    /**
     * The answer field {@code field} is there when the query parameter {@code param} is true ({@code byDefault} when
     * the request has none), and null otherwise, as the serializers' {@code include_*} parameters work. An answer
     * without a request (a blueprint) includes everything, which the emulator never renders.
     */
    Collection include(String field, String param, boolean byDefault) {
        includes.put(field, new Include(param, byDefault));
        return this;
    }

    /** Fields computed for every answer of this collection (see {@link Hooks.AnswerFields}). */
    Collection answerFields(Hooks.AnswerFields rule) {
        answerFields.add(rule);
        return this;
    }

    /** Fields a blueprint entry may set on create beyond the API's (see {@link Hooks.BlueprintFields}). */
    Collection fromBlueprint(Hooks.BlueprintFields rule) {
        blueprintFields.add(rule);
        return this;
    }

    Collection normalize(Hooks.Normalizer rule) {
        normalizers.add(rule);
        return this;
    }

    Collection validate(Hooks.Validator rule) {
        validators.add(rule);
        return this;
    }

    /** Fields computed when an object is created (see {@link Hooks.Initializer}). */
    Collection computeOnCreate(Hooks.Initializer rule) {
        initializers.add(rule);
        return this;
    }

    Collection afterSave(Hooks.AfterSave rule) {
        afterSaves.add(rule);
        return this;
    }

    Collection onDelete(Hooks.Cascade rule) {
        cascades.add(rule);
        return this;
    }

    /** A list filter whose values must be valid choices (see {@link Hooks.FilterCheck}). */
    Collection checkFilters(Hooks.FilterCheck rule) {
        filterChecks.add(rule);
        return this;
    }

    /** List filters compare with the answer as {@code rule} changes it (see {@link Hooks.FilterView}). */
    Collection filterAs(Hooks.FilterView rule) {
        filterViews.add(rule);
        return this;
    }

    /** Lists show the caller only the objects {@code rule} lets through. */
    Collection listedFor(Hooks.Visibility rule) {
        visibilities.add(rule);
        return this;
    }

    /**
     * The detail action {@code /<path>/<id>/<name>/} answering {@code method} ({@link #ANY_METHOD}: every method);
     * any other method is not emulated (reported as a violation, answered 404).
     */
    Collection action(String method, String name, Hooks.Action action) {
        actions.put(method + " " + name, action);
        return this;
    }

    /** The collection action {@code /<path>/<name>/}, as {@link #action} for objects. */
    Collection collectionAction(String method, String name, Hooks.Action action) {
        collectionActions.put(method + " " + name, action);
        return this;
    }

    /** The detail action {@code name} for {@code method}, or null. */
    Hooks.Action action(String method, String name) {
        return find(actions, method, name);
    }

    /** The collection action {@code name} for {@code method}, or null. */
    Hooks.Action collectionAction(String method, String name) {
        return find(collectionActions, method, name);
    }

    private static Hooks.Action find(Map<String, Hooks.Action> routes, String method, String name) {
        Hooks.Action exact = routes.get(method + " " + name);
        return exact != null ? exact : routes.get(ANY_METHOD + " " + name);
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
