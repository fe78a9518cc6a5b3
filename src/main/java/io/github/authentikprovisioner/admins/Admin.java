package io.github.authentikprovisioner.admins;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.github.authentikprovisioner.recipes.Passwords;
import io.github.authentikprovisioner.recipes.Patterns;

/**
 * The personal administrator as a desired-state document names it ({@code - admin: {...}}): the endpoint's body
 * ({@link AdminRequest}) with the username of its path, and a password that a document must give (from
 * {@code ${ENV}}), because a password generated there would be shown to no one.
 */
@Schema(name = "Admin", description = "A personal administrator, as a desired-state entry 'admin'")
public record Admin(
        @Schema(description = "Username", examples = "alice", required = true)
        @NotBlank @Size(max = 150) @Pattern(regexp = Patterns.USERNAME, message = Patterns.USERNAME_MESSAGE)
        String username,

        @Schema(description = "Display name", examples = "Alice Example", required = true)
        @NotBlank @Size(max = 200) @Pattern(regexp = Patterns.TRIMMED, message = Patterns.TRIMMED_MESSAGE) String name,

        @Schema(description = "Email address; left as it is when absent", examples = "alice@example.com")
        @Email @Size(max = 254) String email,

        @Schema(description = "Password, e.g. \"${ADMIN_PASSWORD}\"; set when the user is created or this service "
                + "never set one for it. Never echoed", required = true, writeOnly = true)
        @NotNull @Size(min = Passwords.MIN_LENGTH, max = 1000)
        @Pattern(regexp = Patterns.TRIMMED, message = Passwords.TRIMMED_MESSAGE) String password,

        @Schema(description = "Deactivate akadmin once this admin is an active superuser with a usable password and "
                + "the service no longer calls authentik with akadmin's token", defaultValue = "false")
        boolean deactivateAkadmin) {

    /** Keeps the password out of logs and error messages. */
    @Override
    public String toString() {
        return "Admin[username=" + username + ", name=" + name + ", deactivateAkadmin=" + deactivateAkadmin + "]";
    }
}
