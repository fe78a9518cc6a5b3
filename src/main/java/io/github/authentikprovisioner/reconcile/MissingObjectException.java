package io.github.authentikprovisioner.reconcile;

/**
 * A recipe refers to an authentik object that is not there and that this service does not create (a default flow
 * of a fresh install, the embedded outpost). Answered with 409: authentik's state must be repaired first.
 */
public final class MissingObjectException extends RuntimeException {

    private final Ref ref;

    public MissingObjectException(Ref ref) {
        super("authentik has no " + ref.kind().label() + " '" + ref.key()
                + "'; a fresh authentik install has it, restore it (or its default blueprint) and retry");
        this.ref = ref;
    }

    public Ref ref() {
        return ref;
    }
}
