package io.github.authentikprovisioner.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An error answer as RFC 9457 problem details ({@code application/problem+json}), with {@code errors} naming each
 * offending field of the request.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details")
@RegisterForReflection
public record Problem(
        @Schema(description = "Problem type URI", examples = "about:blank") String type,
        @Schema(description = "Short summary of the problem type", examples = "Bad Request") String title,
        @Schema(description = "HTTP status", examples = "400") int status,
        @Schema(description = "What went wrong, for a human") String detail,
        @Schema(description = "The request path") String instance,
        @Schema(description = "Each offending field, for 400 answers") List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One offending request field: its JSON path (e.g. {@code unauthenticatedPaths[1]}) and what is wrong with it. */
    @Schema(name = "FieldError")
    public record FieldError(
            @Schema(examples = "cookieDomain") String field,
            @Schema(examples = "must not be blank") String message) {
    }
}
