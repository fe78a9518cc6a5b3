package io.github.authentikprovisioner.login;

import jakarta.enterprise.context.ApplicationScoped;

import io.github.authentikprovisioner.api.AuthentikCalls;
import io.github.authentikprovisioner.authentik.AuthentikSession;
import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.recipes.Recipe;
import io.github.authentikprovisioner.recipes.DesiredFlow;
import io.github.authentikprovisioner.reconcile.Outcome;
import io.github.authentikprovisioner.reconcile.Reconciler;

/** Runs the login layout recipe: the plan of {@link LoginRecipe} through the engine. */
@ApplicationScoped
class LoginService implements Recipe<Login, LoginResult> {

    private final Reconciler reconciler;

    LoginService(Reconciler reconciler) {
        this.reconciler = reconciler;
    }

    @Override
    public String name() {
        return "login";
    }

    @Override
    public Class<Login> specType() {
        return Login.class;
    }

    @Override
    public java.util.Set<Kind> reads(Login spec) {
        // on one page the password stage's binding is deleted, and authentik deletes its policy binding with it
        return spec.passwordOnIdentificationPage()
                ? java.util.Set.of(Kind.FLOW, Kind.FLOW_STAGE_BINDING, Kind.IDENTIFICATION_STAGE, Kind.PASSWORD_STAGE)
                : java.util.Set.of(Kind.FLOW, Kind.FLOW_STAGE_BINDING, Kind.IDENTIFICATION_STAGE, Kind.PASSWORD_STAGE,
                        Kind.POLICY_BINDING, Kind.EXPRESSION_POLICY);
    }

    @Override
    public LoginResult run(AuthentikSession session, Login spec, boolean dryRun) {
        session.prefetch(reads(spec));
        DesiredFlow flow = LoginRecipe.desired(spec);
        Outcome outcome = reconciler.run(session, flow.desired(), dryRun);
        return new LoginResult(outcome.status(), outcome.changes(), AuthentikCalls.of(session),
                spec.passwordOnIdentificationPage(), spec.rememberMe(), flow.reportedBindings());
    }
}
