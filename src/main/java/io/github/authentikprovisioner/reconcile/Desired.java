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
     * {@link #existing()}: a default object of a fresh install that the recipe changes in place, never recreated with
     * only the managed fields (the engine answers 409 before writing anything); or created only, when
     * {@link #mustBeNew}: an object whose natural key must not be taken yet.
     */
    record Present(Kind kind, Key key, String name, Map<String, Field> fields, Existence existence, Owner owner,
            Resave resave) implements Desired {
        public Present {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
            resave = resave == null ? Resave.NEVER : resave;
        }

        public Present(Kind kind, Key key, String name, Map<String, Field> fields) {
            this(kind, key, name, fields, Existence.EITHER, null, Resave.NEVER);
        }

        /** This object, which must already exist. */
        public Present existing() {
            return new Present(kind, key, name, fields, Existence.EXISTING, owner, resave);
        }

        /**
         * This object, which must not exist yet: checked under the engine's lock of its natural key, so no other
         * request of this process takes the key between the check and the create; 409 saying {@code otherwise}
         * when it is taken.
         */
        public Present mustBeNew(String otherwise) {
            return new Present(kind, key, name, fields, new Existence.New(otherwise), owner, resave);
        }

        /**
         * This object, saved again even when none of its managed fields differs (an empty PATCH, which authentik
         * handles as a save: its {@code post_save} signals run) once any of {@code objects} of the same plan was
         * created or changed: authentik sends an outpost an update when the outpost is saved, never when an
         * application is (authentik/core/signals.py), so a new or re-pointed application needs it.
         */
        public Present resavedAfter(java.util.List<Ref> objects) {
            return new Present(kind, key, name, fields, existence, owner, new Resave(false, objects));
        }

        /** This object, saved again whatever else happens (for a heal that wants exactly that save). */
        public Present resavedAnyway() {
            return new Present(kind, key, name, fields, existence, owner, new Resave(true, java.util.List.of()));
        }

        /**
         * This object, which when it exists must have {@code field} empty or equal to {@code value}: otherwise it
         * belongs to something else (a provider serving another application) and the engine answers 409 before
         * writing anything.
         */
        public Present ownedBy(String field, String value) {
            return new Present(kind, key, name, fields, existence, new Owner(field, value), resave);
        }

        /** Whether the object must already exist. */
        boolean mustExist() {
            return existence == Existence.EXISTING;
        }
    }

    /** Whether a present object may, must or must not exist before the run. */
    sealed interface Existence {
        /** Created when missing, changed when found. */
        Existence EITHER = new Either();
        /** Changed in place, never created. */
        Existence EXISTING = new Existing();

        record Either() implements Existence {
        }

        record Existing() implements Existence {
        }

        /** Created; a 409 saying {@code otherwise} when the key is taken. */
        record New(String otherwise) implements Existence {
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
