package io.github.authentikprovisioner.reconcile;

/**
 * The request clashes with what authentik holds, so nothing (more) is written: answered 409 over HTTP, and a failed
 * entry (never a 500) in a desired-state run. One sealed family, mapped once ({@code api/ProblemMappers}): a new kind
 * of conflict is a new subclass here and answers correctly everywhere.
 */
public abstract sealed class Conflict extends RuntimeException
        permits Conflict.Clash, Conflict.MissingObject, Conflict.OwnedElsewhere, Conflict.ConcurrentChange,
        Conflict.Exists {

    private Conflict(String message) {
        super(message);
    }

    /** A clash a recipe decides: an object of that name this service does not manage, a refused hand-over, … */
    public static Conflict of(String message) {
        return new Clash(message, false);
    }

    /**
     * A clash the service itself removes within seconds (the hand-over to its own token, which runs as soon as
     * authentik answers), so a scheduled run may try again soon.
     */
    public static Conflict clearingBySelf(String message) {
        return new Clash(message, true);
    }

    /** Whether the service itself removes the cause soon; see {@link #clearingBySelf}. */
    public boolean clearsBySelf() {
        return false;
    }

    /** See {@link #of} and {@link #clearingBySelf}. */
    public static final class Clash extends Conflict {
        private final boolean clearsBySelf;

        Clash(String message, boolean clearsBySelf) {
            super(message);
            this.clearsBySelf = clearsBySelf;
        }

        @Override
        public boolean clearsBySelf() {
            return clearsBySelf;
        }
    }

    /**
     * A recipe refers to an authentik object that is not there and that this service does not create (a default flow
     * of a fresh install, the embedded outpost): authentik's state must be repaired first.
     */
    public static final class MissingObject extends Conflict {
        private final Ref ref;

        public MissingObject(Ref ref) {
            super("authentik has no " + ref.kind().label() + " '" + ref.key()
                    + "'; a fresh authentik install has it, restore it (or its default blueprint) and retry");
            this.ref = ref;
        }

        public Ref ref() {
            return ref;
        }
    }

    /**
     * An object a recipe would change belongs to something else, e.g. a provider of that name serving another
     * application; found before any write, the caller chooses another name.
     */
    public static final class OwnedElsewhere extends Conflict {
        OwnedElsewhere(String message) {
            super(message);
        }
    }

    /**
     * A shared object (the embedded outpost, a group) kept losing this service's change to other writers outside this
     * process; the caller retries later.
     */
    public static final class ConcurrentChange extends Conflict {
        ConcurrentChange(String message) {
            super(message);
        }
    }

    /** An object that must be new exists already ({@link Desired.Present#mustBeNew}). */
    public static final class Exists extends Conflict {
        Exists(String message) {
            super(message);
        }
    }
}
