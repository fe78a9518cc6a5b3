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
    record Present(Kind kind, Key key, String name, Map<String, Field> fields, boolean mustExist, Owner owner,
            Resave resave) implements Desired {
        public Present {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
            resave = resave == null ? Resave.NEVER : resave;
        }

        public Present(Kind kind, Key key, String name, Map<String, Field> fields) {
            this(kind, key, name, fields, false, null, Resave.NEVER);
        }

        /** This object, which must already exist. */
        public Present existing() {
            return new Present(kind, key, name, fields, true, owner, resave);
        }

        /**
         * This object, saved again even when none of its managed fields differs (an empty PATCH, which authentik
         * handles as a save: its {@code post_save} signals run) once any of {@code objects} of the same plan was
         * created or changed: authentik sends an outpost an update when the outpost is saved, never when an
         * application is (authentik/core/signals.py), so a new or re-pointed application needs it.
         */
        public Present resavedAfter(java.util.List<Ref> objects) {
            return new Present(kind, key, name, fields, mustExist, owner, new Resave(false, objects));
        }

        /** This object, saved again whatever else happens (for a heal that wants exactly that save). */
        public Present resavedAnyway() {
            return new Present(kind, key, name, fields, mustExist, owner, new Resave(true, java.util.List.of()));
        }

        /**
         * This object, which when it exists must have {@code field} empty or equal to {@code value}: otherwise it
         * belongs to something else (a provider serving another application) and the engine answers 409 before
         * writing anything.
         */
        public Present ownedBy(String field, String value) {
            return new Present(kind, key, name, fields, mustExist, new Owner(field, value), resave);
        }
    }

    /**
     * When an existing object is saved although its managed fields match: {@code always}, or after any of
     * {@code after} was written in the same plan. Reported as an update of the pseudo-field {@link #FIELD}.
     */
    record Resave(boolean always, java.util.List<Ref> after) {
        /** The name under which a save without a differing field appears in {@link Change#fields()}. */
        public static final String FIELD = "refresh";
        static final Resave NEVER = new Resave(false, java.util.List.of());

        public Resave {
            after = java.util.List.copyOf(after);
        }
    }

    /** Whose an existing object must be: the value of one of its fields, or none yet. */
    record Owner(String field, String value) {
    }

    /** The object does not exist; deleted when found. */
    record Absent(Kind kind, Key key, String name) implements Desired {
    }
}
