package io.github.authentikprovisioner.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The kinds of rule a {@link Collection} row carries, and what each is handed. The generic CRUD ({@link Writes},
 * {@link Listing}, {@link Dispatcher}) calls them at fixed points, in the order the row declares them; a collection
 * without a rule of a kind behaves as plain DRF model CRUD there.
 */
final class Hooks {

    private Hooks() {
    }

    /** Values stored in another form than they were written in; runs on create and update, before validation. */
    @FunctionalInterface
    interface Normalizer {
        void normalize(RuleContext ctx, ObjectNode attrs);
    }

    /** A serializer's own check: records field errors on the write, or throws for a server error. */
    @FunctionalInterface
    interface Validator {
        void validate(Write write);
    }

    /** Fields the model computes when an object is created: after validation, before the object is stored. */
    @FunctionalInterface
    interface Initializer {
        void initialize(Write write);
    }

    /** What a save changes elsewhere (related objects, the updates signals send outposts); on create and update. */
    @FunctionalInterface
    interface AfterSave {
        void saved(Saved saved);
    }

    /** What deleting the object with primary key {@code pk} deletes or changes elsewhere. */
    @FunctionalInterface
    interface Cascade {
        void deleted(RuleContext ctx, String pk);
    }

    /** A viewset {@code @action}: {@code /<path>/<name>/} or {@code /<path>/<id>/<name>/}. */
    @FunctionalInterface
    interface Action {
        Reply answer(ActionCall call);
    }

    /** A list filter whose values must be valid choices: throws a 400 for one that is not. */
    @FunctionalInterface
    interface FilterCheck {
        void check(RuleContext ctx, Collection c, Map<String, List<String>> query);
    }

    /** Where list filters see another value than the answer shows: changes the rendered object they compare with. */
    @FunctionalInterface
    interface FilterView {
        void adjust(RuleContext ctx, ObjectNode stored, ObjectNode rendered);
    }

    /** Which objects a list shows the caller, given the request's query. */
    @FunctionalInterface
    interface Visibility {
        Predicate<ObjectNode> shownTo(RuleContext ctx, Map<String, List<String>> query);
    }

    /**
     * Fields a blueprint entry sets on the object it creates beyond those the API's serializer takes (a serializer may
     * have more fields in a blueprint's context); {@code values} are the entry's evaluated attributes.
     */
    @FunctionalInterface
    interface BlueprintFields {
        void created(ObjectNode created, Map<String, Object> values);
    }

    /**
     * Read-only fields the serializer computes for an answer (nested objects, reverse relations, method fields),
     * added to the stored object's copy before it is projected on the response schema.
     */
    @FunctionalInterface
    interface AnswerFields {
        void add(Renderer renderer, ObjectNode stored, ObjectNode answer);
    }

    /**
     * A create or update being validated: the fields sent ({@code attrs}, normalized), the object as it will be
     * stored ({@code merged}: on create the new object itself), the stored object on update (null on create), and
     * the field errors found so far.
     */
    record Write(RuleContext ctx, Collection collection, ObjectNode attrs, ObjectNode merged, ObjectNode existing,
            Map<String, List<String>> errors) {

        /** Records an error of {@code field} ({@code non_field_errors} for an object-level rule). */
        void error(String field, String message) {
            errors.computeIfAbsent(field, k -> new ArrayList<>()).add(message);
        }

        Store store() {
            return ctx.store;
        }
    }

    /** A create or update just stored: the fields sent, the stored object, and a copy of it before (null on create). */
    record Saved(RuleContext ctx, Collection collection, ObjectNode attrs, ObjectNode object, ObjectNode before) {

        Store store() {
            return ctx.store;
        }
    }

    /**
     * A call of an action: its method, the object it is on (null for a collection action), the query parameters
     * ({@code request.query_params}) and the body.
     */
    record ActionCall(RuleContext ctx, String method, ObjectNode object, Map<String, List<String>> query,
            JsonNode body) {
    }
}
