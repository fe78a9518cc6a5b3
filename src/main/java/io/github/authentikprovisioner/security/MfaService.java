package io.github.authentikprovisioner.security;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.github.authentikprovisioner.api.AuthentikCalls;
import io.github.authentikprovisioner.authentik.AuthentikSession;
import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.recipes.FreshInstall;
import io.github.authentikprovisioner.recipes.Recipe;
import io.github.authentikprovisioner.recipes.DesiredFlow;
import io.github.authentikprovisioner.reconcile.Outcome;
import io.github.authentikprovisioner.reconcile.Reconciler;

/** Runs the MFA recipe: the plan of {@link MfaRecipe} through the engine. */
@ApplicationScoped
class MfaService implements Recipe<Mfa, MfaResult> {

    private final Reconciler reconciler;

    MfaService(Reconciler reconciler) {
        this.reconciler = reconciler;
    }

    @Override
    public String name() {
        return "mfa";
    }

    @Override
    public Class<Mfa> specType() {
        return Mfa.class;
    }

    @Override
    public java.util.Set<Kind> reads(Mfa spec) {
        java.util.Set<Kind> kinds = new java.util.HashSet<>(java.util.Set.of(Kind.FLOW, Kind.FLOW_STAGE_BINDING,
                Kind.USER_WRITE_STAGE, Kind.USER_LOGIN_STAGE, Kind.PROMPT_STAGE, Kind.AUTHENTICATOR_VALIDATE_STAGE));
        spec.deviceClasses().forEach(c -> c.setupStage().ifPresent(stage -> kinds.add(stage.kind())));
        return kinds;
    }

    @Override
    public MfaResult run(AuthentikSession session, Mfa spec, boolean dryRun) {
        session.prefetch(reads(spec));
        DesiredFlow flow = MfaRecipe.desired(spec);
        Outcome outcome = reconciler.run(session, flow.desired(), dryRun);
        List<String> setup = spec.enforce()
                ? MfaRecipe.configurationStages(spec).stream().map(FreshInstall::nameOf).toList() : List.of();
        return new MfaResult(outcome.status(), outcome.changes(), AuthentikCalls.of(session),
                spec.deviceClasses().stream().distinct().toList(), MfaRecipe.notConfiguredAction(spec), setup,
                flow.reportedBindings());
    }
}
