package io.github.authentikprovisioner.recipes;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Desired self-service password recovery by email. */
@Schema(name = "Recovery", description = "Self-service password recovery (seed: 'Recovery')")
public record Recovery(
        @Schema(description = "Subject of the recovery email", defaultValue = "authentik password recovery")
        @Size(min = 1, max = 255) @Pattern(regexp = PasswordPolicy.NOT_BLANK, message = "must not be blank")
        String emailSubject) {

    public Recovery {
        emailSubject = emailSubject == null ? "authentik password recovery" : emailSubject;
    }
}
