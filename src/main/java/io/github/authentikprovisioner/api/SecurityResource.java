package io.github.authentikprovisioner.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.authentik.Authentik;
import io.github.authentikprovisioner.authentik.AuthentikSession;
import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.recipes.FreshInstall;
import io.github.authentikprovisioner.recipes.InvitationEnrollment;
import io.github.authentikprovisioner.recipes.InvitationEnrollmentRecipe;
import io.github.authentikprovisioner.recipes.Mfa;
import io.github.authentikprovisioner.recipes.MfaRecipe;
import io.github.authentikprovisioner.recipes.PasswordPolicy;
import io.github.authentikprovisioner.recipes.PasswordPolicyRecipe;
import io.github.authentikprovisioner.recipes.RecipePlan;
import io.github.authentikprovisioner.recipes.Recovery;
import io.github.authentikprovisioner.recipes.RecoveryRecipe;
import io.github.authentikprovisioner.reconcile.Outcome;
import io.github.authentikprovisioner.reconcile.Reconciler;

/**
 * The seed's security hardening, one call per section: password policy, enforced MFA, self-service recovery and
 * invitation-only enrollment. Each checks first that the default objects it changes in place exist (409 naming the
 * first one missing) and is idempotent.
 */
@Path("/security")
@Tag(name = "Login and security")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SecurityResource {

    private static final String DRY_RUN = "Only report the plan; write nothing";

    private final Authentik authentik;
    private final Reconciler reconciler;

    SecurityResource(Authentik authentik, Reconciler reconciler) {
        this.authentik = authentik;
        this.reconciler = reconciler;
    }

    @PUT
    @Path("/password-policy")
    @Operation(summary = "Ensure a password complexity policy on enrollment and password change",
            description = "Ensures the password policy with these static rules and makes it the only validation "
                    + "policy of default-source-enrollment-prompt and default-password-change-prompt (dropping "
                    + "default-password-change-password-policy). 409 names a missing default object.")
    public RestResponse<PasswordPolicyResult> passwordPolicy(@Valid @NotNull PasswordPolicy body,
            @Parameter(description = DRY_RUN) @QueryParam("dryRun") boolean dryRun) {
        AuthentikSession session = authentik.session();
        RecipePlan plan = PasswordPolicyRecipe.plan(body);
        Outcome outcome = run(session, plan, dryRun);
        String pk = outcome.object(PasswordPolicyRecipe.policy(body)).map(p -> p.get("pk").asText()).orElse(null);
        return RecipeReport.respond(outcome, new PasswordPolicyResult(outcome.status(), outcome.changes(),
                AuthentikCalls.of(session), body.name(), pk, body.errorMessage(),
                PasswordPolicyRecipe.PROMPT_STAGES.stream().map(FreshInstall::nameOf).toList()));
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
        AuthentikSession session = authentik.session();
        RecipePlan plan = MfaRecipe.plan(body);
        Outcome outcome = run(session, plan, dryRun);
        List<String> setup = body.enforce()
                ? MfaRecipe.configurationStages(body).stream().map(FreshInstall::nameOf).toList() : List.of();
        return RecipeReport.respond(outcome, new MfaResult(outcome.status(), outcome.changes(),
                AuthentikCalls.of(session), body.deviceClasses().stream().distinct().toList(),
                MfaRecipe.notConfiguredAction(body), setup, plan.reportedBindings()));
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
        AuthentikSession session = authentik.session();
        RecipePlan plan = RecoveryRecipe.plan(body);
        Outcome outcome = run(session, plan, dryRun);
        return RecipeReport.respond(outcome, new RecoveryResult(outcome.status(), outcome.changes(),
                AuthentikCalls.of(session), RecoveryRecipe.FLOW_SLUG,
                session.publicUrl() + "/if/flow/" + RecoveryRecipe.FLOW_SLUG + "/", plan.reportedBindings()));
    }

    @PUT
    @Path("/invitation-enrollment")
    @Operation(summary = "Ensure invitation-only enrollment",
            description = "Ensures the group (not superuser, existing internal non-admin users added when asked), "
                    + "the stages enrollment-invitation-write, enrollment-invitation and enrollment-invitation-email, "
                    + "the flow enrollment-invitation (bindings 10 to 50 as in the seed), and the seed's prompt "
                    + "fields on default-source-enrollment-prompt (its password policy kept). 409 names a missing "
                    + "default object, or refuses a superuser group.")
    public RestResponse<InvitationEnrollmentResult> invitationEnrollment(@Valid @NotNull InvitationEnrollment body,
            @Parameter(description = DRY_RUN) @QueryParam("dryRun") boolean dryRun) {
        AuthentikSession session = authentik.session();
        Optional<ObjectNode> group = session.find(Kind.GROUP, Map.of("name", body.group()));
        if (group.isPresent() && group.get().path("is_superuser").asBoolean()) {
            throw new ConflictException("group '" + body.group() + "' is a superuser group; invited users must not "
                    + "become administrators, choose another group");
        }
        List<ObjectNode> joining = body.addExistingUsers() ? usersToAdd(session) : List.of();
        List<String> added = new ArrayList<>();
        for (ObjectNode user : joining) {
            JsonNode members = group.map(g -> g.get("users")).orElse(null);
            if (members == null || !containsPk(members, user.get("pk"))) {
                added.add(user.get("username").asText());
            }
        }
        RecipePlan plan = InvitationEnrollmentRecipe.plan(body,
                joining.stream().map(u -> u.get("pk").asInt()).toList());
        Outcome outcome = run(session, plan, dryRun);
        return RecipeReport.respond(outcome, new InvitationEnrollmentResult(outcome.status(), outcome.changes(),
                AuthentikCalls.of(session), InvitationEnrollmentRecipe.FLOW_SLUG, body.group(), added,
                FreshInstall.ENROLLMENT_PROMPTS.stream().map(FreshInstall::nameOf).toList(),
                plan.reportedBindings()));
    }

    private Outcome run(AuthentikSession session, RecipePlan plan, boolean dryRun) {
        return reconciler.run(session, plan.desired(), dryRun);
    }

    /** Internal users who are not superusers: the seed's "currently existing normal user accounts". */
    private static List<ObjectNode> usersToAdd(AuthentikSession session) {
        return session.list(Kind.USER, Map.of("type", "internal", "is_superuser", "false")).stream()
                .filter(u -> "internal".equals(u.path("type").asText()) && !u.path("is_superuser").asBoolean())
                .toList();
    }

    private static boolean containsPk(JsonNode array, JsonNode pk) {
        for (JsonNode e : array) {
            if (e.asText().equals(pk.asText())) {
                return true;
            }
        }
        return false;
    }
}
