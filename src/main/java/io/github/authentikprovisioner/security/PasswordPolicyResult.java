package io.github.authentikprovisioner.security;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.github.authentikprovisioner.api.AuthentikCalls;
import io.github.authentikprovisioner.api.RecipeReport;
import io.github.authentikprovisioner.reconcile.Change;
import io.github.authentikprovisioner.reconcile.Status;

/** Answer of {@code PUT /security/password-policy}. */
@Schema(name = "PasswordPolicyResult")
public record PasswordPolicyResult(
        @Schema(description = "created, updated, unchanged, or planned for a dry run") Status status,
        List<Change> changes,
        AuthentikCalls authentikCalls,
        @Schema(description = "Name of the password policy", examples = "password-complexity") String policy,
        @Schema(description = "pk of the password policy; absent when a dry run would create it", nullable = true)
        String policyPk,
        @Schema(description = "The message users see when a password breaks the rules") String errorMessage,
        @Schema(description = "Prompt stages whose only validation policy it now is") List<String> promptStages)
        implements RecipeReport {
}
