package io.github.authentikprovisioner.security;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.github.authentikprovisioner.recipes.Patterns;

/** Desired self-service password recovery by email. */
@Schema(name = "Recovery", description = "Self-service password recovery (seed: 'Recovery')")
public record Recovery(
        @Schema(description = "Subject of the recovery email", defaultValue = "authentik password recovery")
        @Size(min = 1, max = 255) @Pattern(regexp = Patterns.NOT_BLANK, message = Patterns.NOT_BLANK_MESSAGE)
        String emailSubject) {

    public Recovery {
        emailSubject = emailSubject == null ? "authentik password recovery" : emailSubject;
    }
}
