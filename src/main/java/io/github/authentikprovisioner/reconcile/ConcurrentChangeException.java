package io.github.authentikprovisioner.reconcile;

/**
 * A shared object (the embedded outpost, a group) kept losing this service's change to other writers outside this
 * process; answered with 409 so the caller retries later.
 */
public final class ConcurrentChangeException extends RuntimeException {

    public ConcurrentChangeException(String message) {
        super(message);
    }
}
