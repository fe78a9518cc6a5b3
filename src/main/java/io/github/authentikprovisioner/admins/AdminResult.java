package io.github.authentikprovisioner.admins;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.github.authentikprovisioner.api.AuthentikCalls;
import io.github.authentikprovisioner.api.RecipeReport;
import io.github.authentikprovisioner.reconcile.Change;
import io.github.authentikprovisioner.reconcile.Status;

/** Answer of {@code PUT /admins/{username}}. Carries a password only when one was generated, once. */
@Schema(name = "AdminResult", description = "May carry a generated password: never log it",
        extensions = @Extension(name = "x-sensitive", value = "true", parseValue = true))
public record AdminResult(
        @Schema(description = "created, updated, unchanged, or planned for a dry run") Status status,
        List<Change> changes,
        AuthentikCalls authentikCalls,
        @Schema(examples = "alice") String username,
        @Schema(description = "Whether the admin is (after a dry run: would be) a superuser") boolean superuser,
        @Schema(description = "Whether this call set (after a dry run: would set) the password") boolean passwordSet,
        @Schema(description = "The password generated because none was sent; answered this once, never again. "
                + "Sensitive: never log it", nullable = true,
                extensions = @Extension(name = "x-sensitive", value = "true", parseValue = true))
        String generatedPassword,
        @Schema(description = "Whether akadmin is active after this call (after a dry run: would be); absent when "
                + "there is no akadmin", nullable = true)
        Boolean akadminActive) implements RecipeReport {

    /** Keeps a generated password out of logs and error messages. */
    @Override
    public String toString() {
        return "AdminResult[status=" + status + ", username=" + username + ", passwordSet=" + passwordSet
                + ", akadminActive=" + akadminActive + "]";
    }
}
