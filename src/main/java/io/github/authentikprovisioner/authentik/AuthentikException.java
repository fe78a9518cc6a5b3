package io.github.authentikprovisioner.authentik;

import java.util.List;
import java.util.Set;

/**
 * What can go wrong talking to authentik, as a closed set so the API layer maps each case to exactly one answer.
 */
public abstract sealed class AuthentikException extends RuntimeException
        permits AuthentikException.Rejected, AuthentikException.TokenRefused, AuthentikException.Unavailable,
        AuthentikException.NotFound, AuthentikException.DeadlineExceeded {

    AuthentikException(String message, Throwable cause) {
        super(message, cause);
    }

    /** authentik answered 400: the request was understood and refused; {@code fieldErrors} are its DRF messages. */
    public static final class Rejected extends AuthentikException {
        private final List<FieldError> fieldErrors;

        public Rejected(String message, List<FieldError> fieldErrors) {
            super(message, null);
            this.fieldErrors = List.copyOf(fieldErrors);
        }

        public List<FieldError> fieldErrors() {
            return fieldErrors;
        }

        /**
         * True when authentik may have refused because one of {@code keyFields} is already taken. Decided by the
         * field an error names, not only by DRF's English "already exists"/"unique set": messages follow the token
         * user's locale. Callers look the object up again to be sure.
         */
        public boolean mayBeTaken(Set<String> keyFields) {
            return fieldErrors.stream().anyMatch(e -> keyFields.contains(e.field())
                    || e.message().contains("already exists") || e.message().contains("unique set"));
        }
    }

    /** authentik answered 401/403: the configured API token is invalid, expired or lacks permissions. */
    public static final class TokenRefused extends AuthentikException {
        public TokenRefused(String message) {
            super(message, null);
        }
    }

    /** authentik could not be reached, timed out, or answered 5xx. */
    public static final class Unavailable extends AuthentikException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The request used up its time for authentik calls before it was done; nothing more was sent. */
    public static final class DeadlineExceeded extends AuthentikException {
        public DeadlineExceeded(String message) {
            super(message, null);
        }
    }

    /** authentik answered 404; the facade turns this into an absent result where absence is expected. */
    public static final class NotFound extends AuthentikException {
        public NotFound(String message) {
            super(message, null);
        }
    }

    /** One DRF validation message: {@code field} is {@code non_field_errors} when it is not about a single field. */
    public record FieldError(String field, String message) {
    }
}
