package io.github.authentikprovisioner.authentik;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything this service knows about one kind of authentik object, written as one readable row of named steps
 * ({@code row("proxy-provider").at("providers", "proxy").findBy("name", "name__iexact")…}): where it lives, how it is
 * found by natural key, what authentik validates together, how it is read into a session's snapshot, and what a
 * write or delete of it changes elsewhere. {@link Kind} holds one row per constant.
 *
 * <p>Rules that name other kinds name them by label, so a row may name a kind declared after it; {@link Kind}
 * resolves them when asked (and {@code KindTest} checks that every label resolves).
 */
final class KindRow {

    final String label;
    String area;
    String type;
    String idField = "pk";
    String pkField = "pk";
    final Map<String, String> keyFilters = new LinkedHashMap<>();
    boolean caseInsensitiveKey;
    final List<String> alwaysSend = new ArrayList<>();
    final List<List<String>> sendTogether = new ArrayList<>();
    boolean creatable = true;
    String batchField;
    Optional<Map<String, String>> snapshot = Optional.of(Map.of());
    final List<String> renderedBy = new ArrayList<>();
    List<String> cascadesTo;
    BindingTargets bindingTargets;
    boolean singleton;

    private KindRow(String label) {
        this.label = label;
    }

    /** A kind called {@code label} in this service's answers. */
    static KindRow row(String label) {
        return new KindRow(label);
    }

    /** Served at {@code /<area>/<type>/} of authentik's API; {@code type} may have several segments. */
    KindRow at(String area, String type) {
        this.area = area;
        this.type = type;
        return this;
    }

    /** Addressed in detail paths by {@code idField} and referred to by other objects through {@code pkField}. */
    KindRow ids(String idField, String pkField) {
        this.idField = idField;
        this.pkField = pkField;
        return this;
    }

    /**
     * The natural-key field {@code field} is found with the list filter {@code filter}; only filters the 2026.2 schema
     * lists, because authentik ignores unknown ones and answers the whole list (API-NOTES §0.5). A kind without any
     * is found by its detail id.
     */
    KindRow findBy(String field, String filter) {
        keyFilters.put(field, filter);
        return this;
    }

    /** The key filter matches case-insensitively ({@code __iexact}), and so does the check on our side. */
    KindRow ignoringCase() {
        this.caseInsensitiveKey = true;
        return this;
    }

    /** Fields authentik's validation reads on every PATCH, so every PATCH carries them. */
    KindRow alwaysSend(String... fields) {
        alwaysSend.addAll(List.of(fields));
        return this;
    }

    /** Fields authentik validates as a group: when one of them changes, the PATCH carries all of them. */
    KindRow sendTogether(String... fields) {
        sendTogether.add(List.of(fields));
        return this;
    }

    /** Made by authentik itself (or only read): never created here. */
    KindRow notCreated() {
        this.creatable = false;
        return this;
    }

    /**
     * Listed per parent: the key field {@code field} is a parent's pk whose filter lists all siblings at once, so the
     * engine reads one call per parent instead of one per object.
     */
    KindRow listedPer(String field) {
        this.batchField = field;
        return this;
    }

    /** The session's snapshot lists the kind with {@code filters} (shaping the answer, not choosing objects). */
    KindRow snapshotWith(Map<String, String> filters) {
        this.snapshot = Optional.of(Map.copyOf(filters));
        return this;
    }

    /** Never held in a snapshot: looked up one by one. */
    KindRow noSnapshot() {
        this.snapshot = Optional.empty();
        return this;
    }

    /** Lists of these kinds render objects of this one, so a write to it makes their snapshots stale. */
    KindRow renderedBy(String... labels) {
        renderedBy.addAll(List.of(labels));
        return this;
    }

    /**
     * Deleting an object of this kind changes or deletes objects of these kinds in authentik's database (foreign
     * keys with CASCADE or SET_NULL, many-to-many rows). Without this rule a delete may touch any kind.
     */
    KindRow cascadesTo(String... labels) {
        this.cascadesTo = new ArrayList<>(cascadesTo == null ? List.of() : cascadesTo);
        this.cascadesTo.addAll(List.of(labels));
        return this;
    }

    /** The key field {@code target} is filtered by one id and answered as another ({@link BindingTargets}). */
    KindRow bindingTargets(BindingTargets rule) {
        this.bindingTargets = rule;
        return this;
    }

    /** One object per authentik instance, without pk or natural key, never created. */
    KindRow singleton() {
        this.singleton = true;
        this.creatable = false;
        this.snapshot = Optional.empty();
        this.idField = "";
        this.pkField = "";
        return this;
    }
}
