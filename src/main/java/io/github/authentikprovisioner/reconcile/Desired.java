package io.github.authentikprovisioner.reconcile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.authentikprovisioner.authentik.Kind;

/**
 * What a recipe wants authentik to hold: an object present with some managed fields, or an object gone.
 * Fields that are not listed are never looked at or written.
 */
public sealed interface Desired permits Desired.Present, Desired.Absent {

    Kind kind();

    Key key();

    /** How the object is named in answers: its name or slug. */
    String name();

    default Ref ref() {
        return new Ref(kind(), key());
    }

    /**
     * The object exists and its managed {@code fields} match; created with them (and the key) when missing, unless
     * {@code mustExist}: a default object of a fresh install that the recipe changes in place, which is never
     * recreated with only the managed fields; the engine then answers 409 before writing anything.
     */
    record Present(Kind kind, Key key, String name, Map<String, Field> fields, boolean mustExist, Owner owner)
            implements Desired {
        public Present {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        public Present(Kind kind, Key key, String name, Map<String, Field> fields) {
            this(kind, key, name, fields, false, null);
        }

        /** This object, which must already exist. */
        public Present existing() {
            return new Present(kind, key, name, fields, true, owner);
        }

        /**
         * This object, which when it exists must have {@code field} empty or equal to {@code value}: otherwise it
         * belongs to something else (a provider serving another application) and the engine answers 409 before
         * writing anything.
         */
        public Present ownedBy(String field, String value) {
            return new Present(kind, key, name, fields, mustExist, new Owner(field, value));
        }
    }

    /** Whose an existing object must be: the value of one of its fields, or none yet. */
    record Owner(String field, String value) {
    }

    /** The object does not exist; deleted when found. */
    record Absent(Kind kind, Key key, String name) implements Desired {
    }
}
