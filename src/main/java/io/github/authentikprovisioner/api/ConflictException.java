package io.github.authentikprovisioner.api;

/** The request clashes with what authentik holds, e.g. an object of that name that this service does not manage. */
public final class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
