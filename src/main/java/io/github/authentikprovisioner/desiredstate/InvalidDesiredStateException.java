package io.github.authentikprovisioner.desiredstate;

import java.util.List;

import io.github.authentikprovisioner.api.Problem;

/** The document, or a recipe request in it, is invalid; nothing was applied. Answered with 400. */
public final class InvalidDesiredStateException extends RuntimeException {

    private final List<Problem.FieldError> errors;

    public InvalidDesiredStateException(List<Problem.FieldError> errors) {
        super("the desired state is invalid: " + String.join(", ",
                errors.stream().map(Problem.FieldError::field).distinct().toList()));
        this.errors = List.copyOf(errors);
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
