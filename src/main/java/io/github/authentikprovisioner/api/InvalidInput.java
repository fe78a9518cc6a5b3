package io.github.authentikprovisioner.api;

import java.util.List;

/**
 * A request whose fields are well-formed but name something authentik does not hold, or must not be given (an
 * unknown group, a superuser group): found only once authentik was read, still the caller's mistake, so a 400
 * naming each field, and nothing written.
 */
public final class InvalidInput extends RuntimeException {

    private final transient List<Problem.FieldError> errors;

    public InvalidInput(List<Problem.FieldError> errors) {
        super("The request has invalid fields: " + String.join(", ",
                errors.stream().map(Problem.FieldError::field).distinct().toList()));
        this.errors = List.copyOf(errors);
    }

    /** One offending field. */
    public static InvalidInput of(String field, String message) {
        return new InvalidInput(List.of(new Problem.FieldError(field, message)));
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
