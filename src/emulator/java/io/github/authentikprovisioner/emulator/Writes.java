package io.github.authentikprovisioner.emulator;

import java.util.LinkedHashMap;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.emulator.Hooks.Saved;
import io.github.authentikprovisioner.emulator.Hooks.Write;

/**
 * How authentik writes an object, as a DRF model serializer and Django save it: the request normalized, references
 * and uniqueness checked, then the row's own rules ({@link Collection}: normalizers, validators, fields computed at
 * create, what a save changes elsewhere). The API's writes and blueprint applications both come through here.
 */
final class Writes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RuleContext ctx;
    private final SchemaCheck schema;

    Writes(RuleContext ctx, SchemaCheck schema) {
        this.ctx = ctx;
        this.schema = schema;
    }

    /** Creates an object of {@code c} from {@code attrs}; a 400 names what is invalid. */
    ObjectNode create(Collection c, ObjectNode attrs) {
        normalize(c, attrs);
        ObjectNode o = c.defaults.deepCopy();
        o.setAll(attrs);
        Write write = validate(c, attrs, o, null);
        c.initializers.forEach(rule -> rule.initialize(write));
        ctx.store.insert(c, o);
        saved(c, attrs, o, null);
        return o;
    }

    /** Writes {@code attrs} over {@code existing}, as a PATCH does; a 400 names what is invalid. */
    ObjectNode update(Collection c, ObjectNode existing, ObjectNode attrs) {
        normalize(c, attrs);
        ObjectNode merged = existing.deepCopy();
        merged.setAll(attrs);
        validate(c, attrs, merged, existing);
        ObjectNode before = existing.deepCopy();
        existing.setAll(attrs);
        saved(c, attrs, existing, before);
        return existing;
    }

    /** Deletes {@code o} and what goes with it ({@link RuleContext#delete}). */
    void delete(Collection c, ObjectNode o) {
        ctx.delete(c, o);
    }

    /**
     * Values authentik stores in another form than they were written in. DRF's CharField trims leading and trailing
     * whitespace by default (trim_whitespace=True) with Python's str.strip(), and model serializers map every
     * CharField and TextField to it: names, slugs, expressions, hosts, regex lists (rest_framework/fields.py
     * CharField.to_internal_value; no authentik serializer used here opts out); choice, related and date fields are
     * not CharFields. Then the row's normalizers.
     */
    private void normalize(Collection c, ObjectNode attrs) {
        DrfText.trim(attrs, schema.charFields(c.schema + "Request"));
        c.normalizers.forEach(rule -> rule.normalize(ctx, attrs));
    }

    /** References, uniqueness, then the row's validators; a 400 with every error found. */
    private Write validate(Collection c, ObjectNode attrs, ObjectNode merged, ObjectNode existing) {
        Write write = new Write(ctx, c, attrs, merged, existing, new LinkedHashMap<>());
        references(write);
        unique(write);
        c.validators.forEach(rule -> rule.validate(write));
        if (!write.errors().isEmpty()) {
            throw ApiError.fields(write.errors());
        }
        return write;
    }

    /** Every pk sent in a reference field must be an object of the pool the field points into. */
    private void references(Write write) {
        write.collection().foreignKeys.forEach((field, pool) -> {
            JsonNode v = write.attrs().get(field);
            if (v == null || v.isNull()) {
                return;
            }
            for (JsonNode ref : v.isArray() ? v : JSON.createArrayNode().add(v)) {
                if (ctx.store.inPool(pool, ref.asText()).isEmpty()) {
                    write.error(field, "Invalid pk \"" + ref.asText() + "\" - object does not exist.");
                }
            }
        });
    }

    /** The row's unique fields, unique across its family where it has one. */
    private void unique(Write write) {
        Collection c = write.collection();
        List<Collection> namespace = c.family != null ? ctx.store.catalog.pool(c.family) : List.of(c);
        for (String field : c.unique) {
            JsonNode v = write.merged().get(field);
            if (v == null || v.isNull() || v.asText().isEmpty()) {
                continue;
            }
            boolean taken = namespace.stream().flatMap(ctx.store::all)
                    .anyMatch(o -> o != write.existing() && v.asText().equals(o.path(field).asText())
                            && !(field.equals("provider") && o.path(field).isNull()));
            if (taken) {
                write.error(field, uniqueMessage(c, field));
            }
        }
    }

    /**
     * DRF's message for a taken unique field: the model field's "%(model_name)s with this %(field_label)s already
     * exists." with the model's verbose name (rest_framework/utils/field_mapping.py get_unique_error_message), or
     * UniqueValidator's own "This field must be unique." where the serializer declares one.
     */
    private static String uniqueMessage(Collection c, String field) {
        if (c.uniqueValidator) {
            return "This field must be unique.";
        }
        String model = c.uniqueModelName != null ? c.uniqueModelName
                : c.verboseName != null ? c.verboseName : c.model.substring(c.model.indexOf('.') + 1);
        return model + " with this " + field.replace('_', ' ') + " already exists.";
    }

    private void saved(Collection c, ObjectNode attrs, ObjectNode o, ObjectNode before) {
        Saved saved = new Saved(ctx, c, attrs, o, before);
        c.afterSaves.forEach(rule -> rule.saved(saved));
    }
}
