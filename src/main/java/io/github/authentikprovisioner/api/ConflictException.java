package io.github.authentikprovisioner.api;

/** The request clashes with what authentik holds, e.g. an object of that name that this service does not manage. */
public final class ConflictException extends RuntimeException {

    private final boolean clearsBySelf;

    public ConflictException(String message) {
        this(message, false);
    }

    /**
     * @param clearsBySelf whether the service itself removes the cause within seconds (the hand-over to its own
     *        token, which runs as soon as authentik answers), so a scheduled run may try again soon
     */
    public ConflictException(String message, boolean clearsBySelf) {
        super(message);
        this.clearsBySelf = clearsBySelf;
    }

    public boolean clearsBySelf() {
        return clearsBySelf;
    }
}
