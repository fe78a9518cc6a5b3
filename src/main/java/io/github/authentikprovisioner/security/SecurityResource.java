package io.github.authentikprovisioner.security;

import io.github.authentikprovisioner.access.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.github.authentikprovisioner.api.RecipeReport;
import io.github.authentikprovisioner.authentik.Authentik;

/**
 * The seed's security hardening, one call per section: password policy, enforced MFA and self-service recovery
 * (invitation-only enrollment lives with the invitations). Each checks first that the default objects it changes in place exist (409 naming the
 * first one missing) and is idempotent.
 */
@Path("/security")
@Tag(name = "Login and security")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Scopes.ADMIN)
public class SecurityResource {

    private static final String DRY_RUN = "Only report the plan; write nothing";

    private final Authentik authentik;
    private final PasswordPolicyService passwordPolicy;
    private final MfaService mfa;
    private final RecoveryService recovery;

    SecurityResource(Authentik authentik, PasswordPolicyService passwordPolicy, MfaService mfa,
            RecoveryService recovery) {
        this.authentik = authentik;
        this.passwordPolicy = passwordPolicy;
        this.mfa = mfa;
        this.recovery = recovery;
    }

    @PUT
    @Path("/password-policy")
    @Operation(summary = "Ensure a password complexity policy on enrollment and password change",
            description = "Ensures the password policy with these static rules and makes it the only validation "
                    + "policy of default-source-enrollment-prompt and default-password-change-prompt (dropping "
                    + "default-password-change-password-policy). 409 names a missing default object.")
    public RestResponse<PasswordPolicyResult> passwordPolicy(@Valid @NotNull PasswordPolicy body,
            @Parameter(description = DRY_RUN) @QueryParam("dryRun") boolean dryRun) {
        return RecipeReport.respond(passwordPolicy.run(authentik.session(), body, dryRun));
    }

    @PUT
    @Path("/mfa")
    @Operation(summary = "Ensure (enforced) MFA at login and enrollment",
            description = "Configures default-authentication-mfa-validation with these device classes; enforced, "
                    + "users without a device must set one up (default-authenticator-totp-setup for totp), and the "
                    + "stage is bound in default-source-enrollment at order 2 with default-source-enrollment-login "
                    + "at 3. 409 names a missing default object.")
    public RestResponse<MfaResult> mfa(@Valid @NotNull Mfa body,
            @Parameter(description = DRY_RUN) @QueryParam("dryRun") boolean dryRun) {
        return RecipeReport.respond(mfa.run(authentik.session(), body, dryRun));
    }

    @PUT
    @Path("/recovery")
    @Operation(summary = "Ensure self-service password recovery by email",
            description = "Ensures the stages recovery-authentication-identification and recovery-email, the flow "
                    + "recovery (bindings 10/20/30/40 as in the seed), and sets it as recovery flow of "
                    + "default-authentication-identification and of the default brand. 409 names a missing default "
                    + "object.")
    public RestResponse<RecoveryResult> recovery(@Valid @NotNull Recovery body,
            @Parameter(description = DRY_RUN) @QueryParam("dryRun") boolean dryRun) {
        return RecipeReport.respond(recovery.run(authentik.session(), body, dryRun));
    }
}
