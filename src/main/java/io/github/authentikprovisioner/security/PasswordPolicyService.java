package io.github.authentikprovisioner.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.github.authentikprovisioner.api.AuthentikCalls;
import io.github.authentikprovisioner.authentik.AuthentikSession;
import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.recipes.FreshInstall;
import io.github.authentikprovisioner.recipes.Recipe;
import io.github.authentikprovisioner.recipes.DesiredFlow;
import io.github.authentikprovisioner.reconcile.Outcome;
import io.github.authentikprovisioner.reconcile.Reconciler;

/** Runs the password policy recipe: the plan of {@link PasswordPolicyRecipe} through the engine. */
@ApplicationScoped
class PasswordPolicyService implements Recipe<PasswordPolicy, PasswordPolicyResult> {

    private final Reconciler reconciler;

    PasswordPolicyService(Reconciler reconciler) {
        this.reconciler = reconciler;
    }

    @Override
    public String name() {
        return "passwordPolicy";
    }

    @Override
    public Class<PasswordPolicy> specType() {
        return PasswordPolicy.class;
    }

    @Override
    public java.util.Set<Kind> reads(PasswordPolicy spec) {
        return java.util.Set.of(Kind.PROMPT_STAGE, Kind.PASSWORD_POLICY);
    }

    @Override
    public PasswordPolicyResult run(AuthentikSession session, PasswordPolicy spec, boolean dryRun) {
        session.prefetch(reads(spec));
        DesiredFlow flow = PasswordPolicyRecipe.desired(spec);
        Outcome outcome = reconciler.run(session, flow.desired(), dryRun);
        String pk = outcome.object(PasswordPolicyRecipe.policy(spec)).map(p -> p.get("pk").asText()).orElse(null);
        return new PasswordPolicyResult(outcome.status(), outcome.changes(), AuthentikCalls.of(session), spec.name(),
                pk, spec.errorMessage(), PasswordPolicyRecipe.PROMPT_STAGES.stream().map(FreshInstall::nameOf).toList());
    }
}
