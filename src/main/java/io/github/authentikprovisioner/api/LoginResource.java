package io.github.authentikprovisioner.api;

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

import io.github.authentikprovisioner.authentik.Authentik;
import io.github.authentikprovisioner.authentik.AuthentikSession;
import io.github.authentikprovisioner.recipes.Login;
import io.github.authentikprovisioner.recipes.LoginRecipe;
import io.github.authentikprovisioner.recipes.RecipePlan;
import io.github.authentikprovisioner.reconcile.Outcome;
import io.github.authentikprovisioner.reconcile.Reconciler;

/** Single page login: the seed's "Single page login" in one call. */
@Path("/login")
@Tag(name = "Login and security")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LoginResource {

    private final Authentik authentik;
    private final Reconciler reconciler;

    LoginResource(Authentik authentik, Reconciler reconciler) {
        this.authentik = authentik;
        this.reconciler = reconciler;
    }

    @PUT
    @Operation(summary = "Ensure the login page layout",
            description = "Puts default-authentication-password on the identification page of "
                    + "default-authentication-identification (with \"remember me\" as asked) and unbinds it from "
                    + "default-authentication-flow; false restores the two-page login. 409 names a missing default "
                    + "object. Idempotent: a repeated call makes no writes.")
    public RestResponse<LoginResult> ensure(@Valid @NotNull Login body,
            @Parameter(description = "Only report the plan; write nothing") @QueryParam("dryRun") boolean dryRun) {
        AuthentikSession session = authentik.session();
        RecipePlan plan = LoginRecipe.plan(body);
        Outcome outcome = reconciler.run(session, plan.desired(), dryRun);
        return RecipeReport.respond(outcome, new LoginResult(outcome.status(), outcome.changes(),
                AuthentikCalls.of(session), body.passwordOnIdentificationPage(), body.rememberMe(),
                plan.reportedBindings()));
    }
}
