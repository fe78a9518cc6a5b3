package io.github.authentikprovisioner.security;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.github.authentikprovisioner.api.AuthentikCalls;
import io.github.authentikprovisioner.api.RecipeReport;
import io.github.authentikprovisioner.recipes.StageBinding;
import io.github.authentikprovisioner.reconcile.Change;
import io.github.authentikprovisioner.reconcile.Status;

/** Answer of {@code PUT /security/mfa}. */
@Schema(name = "MfaResult")
public record MfaResult(
        @Schema(description = "created, updated, unchanged, or planned for a dry run") Status status,
        List<Change> changes,
        AuthentikCalls authentikCalls,
        @Schema(description = "Device classes default-authentication-mfa-validation accepts") List<DeviceClass> deviceClasses,
        @Schema(description = "What happens to users without such a device: configure (set one up) or skip",
                examples = "configure") String notConfiguredAction,
        @Schema(description = "Stages users set up a device with; empty when MFA is not enforced")
        List<String> configurationStages,
        @Schema(description = "The bindings of default-source-enrollment this call ensured") List<StageBinding> bindings)
        implements RecipeReport {
}
