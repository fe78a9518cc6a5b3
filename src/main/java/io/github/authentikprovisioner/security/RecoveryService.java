package io.github.authentikprovisioner.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.github.authentikprovisioner.api.AuthentikCalls;
import io.github.authentikprovisioner.authentik.AuthentikSession;
import io.github.authentikprovisioner.recipes.Recipe;
import io.github.authentikprovisioner.recipes.RecipePlan;
import io.github.authentikprovisioner.reconcile.Outcome;
import io.github.authentikprovisioner.reconcile.Reconciler;

/** Runs the recovery recipe: the plan of {@link RecoveryRecipe} through the engine. */
@ApplicationScoped
class RecoveryService implements Recipe<Recovery, RecoveryResult> {

    private final Reconciler reconciler;

    RecoveryService(Reconciler reconciler) {
        this.reconciler = reconciler;
    }

    @Override
    public String name() {
        return "recovery";
    }

    @Override
    public Class<Recovery> specType() {
        return Recovery.class;
    }

    @Override
    public RecoveryResult run(AuthentikSession session, Recovery spec, boolean dryRun) {
        RecipePlan plan = RecoveryRecipe.plan(spec);
        Outcome outcome = reconciler.run(session, plan.desired(), dryRun);
        return new RecoveryResult(outcome.status(), outcome.changes(), AuthentikCalls.of(session),
                RecoveryRecipe.FLOW_SLUG, session.publicUrl() + "/if/flow/" + RecoveryRecipe.FLOW_SLUG + "/",
                plan.reportedBindings());
    }
}
