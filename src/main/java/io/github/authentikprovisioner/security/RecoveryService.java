package io.github.authentikprovisioner.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.github.authentikprovisioner.api.AuthentikCalls;
import io.github.authentikprovisioner.authentik.AuthentikSession;
import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.recipes.Recipe;
import io.github.authentikprovisioner.recipes.DesiredFlow;
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
    public java.util.Set<Kind> reads(Recovery spec) {
        return java.util.Set.of(Kind.BRAND, Kind.FLOW, Kind.FLOW_STAGE_BINDING, Kind.IDENTIFICATION_STAGE, Kind.EMAIL_STAGE,
                Kind.USER_WRITE_STAGE, Kind.PROMPT_STAGE);
    }

    @Override
    public RecoveryResult run(AuthentikSession session, Recovery spec, boolean dryRun) {
        session.prefetch(reads(spec));
        DesiredFlow flow = RecoveryRecipe.desired(spec);
        Outcome outcome = reconciler.run(session, flow.desired(), dryRun);
        return new RecoveryResult(outcome.status(), outcome.changes(), AuthentikCalls.of(session),
                RecoveryRecipe.FLOW_SLUG, session.publicUrl() + "/if/flow/" + RecoveryRecipe.FLOW_SLUG + "/",
                flow.reportedBindings());
    }
}
