package io.github.authentikprovisioner.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.github.authentikprovisioner.access.MissingScope;
import io.github.authentikprovisioner.authentik.AuthentikException;
import io.github.authentikprovisioner.authentik.CurrentToken;
import io.github.authentikprovisioner.config.ProvisionerConfig;
import io.github.authentikprovisioner.reconcile.Conflict;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Maps every failure to an RFC 9457 problem: bad input 400 (naming each field), unknown things 404, conflicts 409,
 * authentik refusing a request 502 (with its message), authentik unreachable or refusing our token 503 with
 * {@code Retry-After}. Nothing a caller sends produces a 500. Public so that feature packages mapping their own
 * wrapping exceptions (a desired-state entry) answer their causes the same way.
 */
@Singleton
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final ProvisionerConfig config;
    private final CurrentToken token;

    ProblemMappers(ProvisionerConfig config, CurrentToken token) {
        this.config = config;
        this.token = token;
    }

    @ServerExceptionMapper
    RestResponse<Problem> invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(new Problem.FieldError(field(v.getPropertyPath()), v.getMessage()));
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field));
        return problem(Response.Status.BAD_REQUEST, "The request has invalid fields: "
                + String.join(", ", errors.stream().map(Problem.FieldError::field).distinct().toList()), uri, errors);
    }

    @ServerExceptionMapper
    RestResponse<Problem> invalidInput(InvalidInput e, UriInfo uri) {
        return problem(Response.Status.BAD_REQUEST, e.getMessage(), uri, e.errors());
    }

    /** Declared for the exact type so it wins over Quarkus' built-in mapper of mismatched JSON input. */
    @ServerExceptionMapper
    RestResponse<Problem> mismatched(MismatchedInputException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    @ServerExceptionMapper
    RestResponse<Problem> unreadable(JsonProcessingException e, UriInfo uri) {
        String duplicate = duplicateKey(e);
        if (duplicate != null) {
            return problem(Response.Status.BAD_REQUEST, "Field '" + duplicate + "' is given twice", uri,
                    List.of(new Problem.FieldError(duplicate, "is given twice; give each field once")));
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = jsonPath(m);
            String message = describe(m);
            return problem(Response.Status.BAD_REQUEST, "Field '" + field + "' " + message, uri,
                    List.of(new Problem.FieldError(field, message)));
        }
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return problem(Response.Status.BAD_REQUEST, "The request body is not valid JSON" + where, uri,
                List.of(new Problem.FieldError("body", "malformed JSON" + where)));
    }

    /**
     * The answer to {@code e} as its own mapper gives it; for exceptions that wrap another one (a desired-state
     * entry). The families are sealed, so a new conflict or authentik failure answers here as over HTTP.
     */
    public RestResponse<Problem> answer(Throwable e, UriInfo uri) {
        return switch (e) {
            case Conflict c -> conflict(c, uri);
            case AuthentikException a -> authentik(a, uri);
            case ConstraintViolationException c -> invalid(c, uri);
            case InvalidInput i -> invalidInput(i, uri);
            case JsonProcessingException j -> unreadable(j, uri);
            case WebApplicationException w -> web(w, uri);
            case Exception other -> unexpected(other, uri);
            default -> unexpected(new IllegalStateException(e), uri);
        };
    }

    /**
     * A known client without the scope an operation needs: 403 naming the scopes that would do, those of the
     * operation's {@code @RolesAllowed} or of a check that only the request could make ({@link MissingScope}).
     */
    @ServerExceptionMapper
    RestResponse<Problem> forbidden(ForbiddenException e, UriInfo uri, SimpleResourceInfo resource) {
        List<String> scopes = e instanceof MissingScope missing ? missing.scopes() : declaredScopes(resource);
        return problem(Response.Status.FORBIDDEN, "This client has none of the scopes this operation needs: "
                + String.join(", ", scopes), uri, List.of(new Problem.FieldError("scope", "one of " + scopes)));
    }

    @ServerExceptionMapper
    RestResponse<Problem> unauthorized(UnauthorizedException e, UriInfo uri) {
        return RestResponse.ResponseBuilder.create(Response.Status.UNAUTHORIZED, new Problem("about:blank",
                        "Unauthorized", 401, "Send 'Authorization: Bearer <token>'", uri.getPath(), null))
                .header("WWW-Authenticate", "Bearer realm=\"authentik-provisioner\"").type(Problem.MEDIA_TYPE).build();
    }

    private static List<String> declaredScopes(SimpleResourceInfo resource) {
        if (resource == null || resource.getResourceClass() == null) {
            return List.of();
        }
        try {
            java.lang.reflect.Method method = resource.getResourceClass().getMethod(resource.getMethodName(),
                    resource.parameterTypes());
            RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
            if (roles == null) {
                roles = resource.getResourceClass().getAnnotation(RolesAllowed.class);
            }
            return roles == null ? List.of() : List.of(roles.value());
        } catch (NoSuchMethodException ex) {
            return List.of();
        }
    }

    /** Every conflict: 409, nothing (more) written. */
    @ServerExceptionMapper
    RestResponse<Problem> conflict(Conflict e, UriInfo uri) {
        return problem(Response.Status.CONFLICT, e.getMessage(), uri, null);
    }

    private RestResponse<Problem> authentik(AuthentikException e, UriInfo uri) {
        return switch (e) {
            case AuthentikException.Rejected r -> rejected(r, uri);
            case AuthentikException.Unavailable u -> unavailable(u, uri);
            case AuthentikException.TokenRefused t -> tokenRefused(t, uri);
            case AuthentikException.NotFound n -> notFoundInAuthentik(n, uri);
            case AuthentikException.DeadlineExceeded d -> deadline(d, uri);
        };
    }

    @ServerExceptionMapper
    RestResponse<Problem> rejected(AuthentikException.Rejected e, UriInfo uri) {
        List<Problem.FieldError> errors = e.fieldErrors().stream()
                .map(f -> new Problem.FieldError("authentik." + f.field(), f.message())).toList();
        return problem(Response.Status.BAD_GATEWAY, "authentik rejected the request: " + e.getMessage(), uri,
                errors.isEmpty() ? null : errors);
    }

    @ServerExceptionMapper
    RestResponse<Problem> unavailable(AuthentikException.Unavailable e, UriInfo uri) {
        LOG.warnf("authentik unavailable: %s", e.getMessage());
        return retryLater(e.getMessage(), uri);
    }

    @ServerExceptionMapper
    RestResponse<Problem> tokenRefused(AuthentikException.TokenRefused e, UriInfo uri) {
        LOG.warnf("authentik refused the API token: %s", e.getMessage());
        CurrentToken.Source source = token.source();
        // authentik refuses every token of an inactive user (authentik/api/authentication.py)
        String hint = source == CurrentToken.Source.AUTHENTIK_TOKEN
                ? "; check that the token exists, has intent 'api', has not expired and belongs to an active admin "
                        + "(deactivating akadmin disables its bootstrap token: hand over to the service's own token "
                        + "first, POST /bootstrap/service-account)"
                : "; it is the key of the token 'authentik-provisioner' of the service account: POST "
                        + "/bootstrap/service-account sets it up again, with a working AUTHENTIK_TOKEN";
        return retryLater("authentik refused the API token (" + source + "): " + e.getMessage() + hint, uri);
    }

    @ServerExceptionMapper
    RestResponse<Problem> deadline(AuthentikException.DeadlineExceeded e, UriInfo uri) {
        LOG.warnf("request stopped at its deadline: %s", e.getMessage());
        return RestResponse.ResponseBuilder.create(Response.Status.GATEWAY_TIMEOUT,
                        new Problem("about:blank", "Gateway Timeout", 504, e.getMessage(), uri.getPath(), null))
                .header(HttpHeaders.RETRY_AFTER, Math.max(1, config.retryAfter().toSeconds()))
                .type(Problem.MEDIA_TYPE).build();
    }

    @ServerExceptionMapper
    RestResponse<Problem> notFoundInAuthentik(AuthentikException.NotFound e, UriInfo uri) {
        return problem(Response.Status.NOT_FOUND, e.getMessage(), uri, null);
    }

    @ServerExceptionMapper
    RestResponse<Problem> web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json, uri); // Quarkus wraps body parse errors
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        return problem(status, e.getMessage(), uri, null);
    }

    @ServerExceptionMapper
    RestResponse<Problem> unexpected(Exception e, UriInfo uri) {
        LOG.error("unexpected failure on " + uri.getPath(), e);
        return problem(Response.Status.INTERNAL_SERVER_ERROR, "An unexpected error occurred; see the service log",
                uri, null);
    }

    private RestResponse<Problem> retryLater(String detail, UriInfo uri) {
        return RestResponse.ResponseBuilder.create(Response.Status.SERVICE_UNAVAILABLE,
                        new Problem("about:blank", "Service Unavailable", 503, detail, uri.getPath(), null))
                .header(HttpHeaders.RETRY_AFTER, Math.max(1, config.retryAfter().toSeconds()))
                .type(Problem.MEDIA_TYPE).build();
    }

    /** A problem answer with {@code status}; {@code errors} may be null. */
    public static RestResponse<Problem> problem(Response.StatusType status, String detail, UriInfo uri,
            List<Problem.FieldError> errors) {
        return RestResponse.ResponseBuilder.create(status,
                        new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail,
                                uri.getPath(), errors))
                .type(Problem.MEDIA_TYPE).build();
    }

    /**
     * The field named twice when {@code e} is the parser refusing a duplicate key ({@code STRICT_DUPLICATE_DETECTION}
     * or {@code FAIL_ON_READING_DUP_TREE_KEY}), as a path ({@code apps[2].name}); null otherwise.
     */
    static String duplicateKey(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message == null || !message.startsWith("Duplicate field '")) {
            return null;
        }
        String name = message.substring("Duplicate field '".length(), message.indexOf('\'', "Duplicate field '".length()));
        String parent = e instanceof JsonMappingException m && !m.getPath().isEmpty() ? jsonPath(m) : "";
        if (parent.isEmpty() && e.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser parser
                && parser.getParsingContext() != null && parser.getParsingContext().getParent() != null) {
            parent = pointerPath(parser.getParsingContext().getParent().pathAsPointer().toString());
        }
        return parent.isEmpty() ? name : parent + "." + name;
    }

    /** {@code /apps/2/name} becomes {@code apps[2].name}. */
    private static String pointerPath(String pointer) {
        StringBuilder out = new StringBuilder();
        for (String segment : pointer.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.chars().allMatch(Character::isDigit)) {
                out.append('[').append(segment).append(']');
            } else {
                out.append(out.isEmpty() ? "" : ".").append(segment.replace("~1", "/").replace("~0", "~"));
            }
        }
        return out.toString();
    }

    /** Jackson's reason a field could not be read, without the offending value (it may be a password). */
    public static String describe(JsonMappingException e) {
        return switch (e) {
            case UnrecognizedPropertyException u -> "unknown field; known fields: " + u.getKnownPropertyIds();
            case InvalidFormatException f when f.getTargetType() != null && f.getTargetType().isEnum() ->
                "must be one of " + enumValues(f.getTargetType());
            case InvalidFormatException f when PlainText.MESSAGE.equals(f.getOriginalMessage()) -> PlainText.MESSAGE;
            case InvalidFormatException f when f.getTargetType() == String.class -> "must be a string";
            case InvalidFormatException f when f.getTargetType() != null ->
                "cannot be read as " + f.getTargetType().getSimpleName();
            case MismatchedInputException m when m.getTargetType() == String.class -> "must be a string";
            case MismatchedInputException m when m.getTargetType() == boolean.class
                    || m.getTargetType() == Boolean.class -> "must be true or false";
            case MismatchedInputException m when m.getTargetType() != null
                    && (m.getTargetType().isPrimitive() || Number.class.isAssignableFrom(m.getTargetType())) ->
                "must be a number";
            default -> "has the wrong type";
        };
    }

    /** {@code put.body.unauthenticatedPaths[1]} becomes {@code unauthenticatedPaths[1]}. */
    static String field(Path path) {
        StringBuilder out = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER
                    || node.getKind() == ElementKind.CROSS_PARAMETER || node.getKind() == ElementKind.RETURN_VALUE) {
                if (node.getKind() == ElementKind.PARAMETER && !"body".equals(node.getName())) {
                    out.append(node.getName()); // a query or path parameter
                }
                continue;
            }
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                if (node.getIndex() != null) {
                    out.append('[').append(node.getIndex()).append(']');
                } else if (node.getKey() != null) {
                    out.append('[').append(node.getKey()).append(']');
                }
                continue;
            }
            if (node.getName() == null) {
                continue;
            }
            if (node.getIndex() != null && !out.isEmpty()) {
                out.append('[').append(node.getIndex()).append(']');
            }
            if (!out.isEmpty()) {
                out.append('.');
            }
            out.append(node.getName());
        }
        return out.isEmpty() ? "body" : out.toString();
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static List<String> enumValues(Class<?> type) {
        List<String> out = new ArrayList<>();
        for (Object c : type.getEnumConstants()) {
            out.add(c.toString());
        }
        return out;
    }
}
