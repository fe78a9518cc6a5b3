package io.github.authentikprovisioner.forwardauth;

import jakarta.enterprise.context.ApplicationScoped;

import io.github.authentikprovisioner.api.AuthentikCalls;
import io.github.authentikprovisioner.authentik.AuthentikSession;
import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.recipes.ProviderName;
import io.github.authentikprovisioner.recipes.Recipe;
import io.github.authentikprovisioner.reconcile.Outcome;
import io.github.authentikprovisioner.reconcile.Reconciler;
import io.github.authentikprovisioner.traefik.TraefikConfig;

/** Runs the forward-auth recipe: the desired state of {@link ForwardAuthRecipe} through the engine. */
@ApplicationScoped
class ForwardAuthService implements Recipe<ForwardAuth, ForwardAuthResult> {

    private final Reconciler reconciler;
    private final TraefikConfig traefik;

    ForwardAuthService(Reconciler reconciler, TraefikConfig traefik) {
        this.reconciler = reconciler;
        this.traefik = traefik;
    }

    @Override
    public String name() {
        return "forwardAuth";
    }

    @Override
    public Class<ForwardAuth> specType() {
        return ForwardAuth.class;
    }

    @Override
    public java.util.Set<Kind> reads(ForwardAuth spec) {
        return java.util.Set.of(Kind.PROXY_PROVIDER, Kind.APPLICATION, Kind.FLOW, Kind.OUTPOST);
    }

    @Override
    public ForwardAuthResult run(AuthentikSession session, ForwardAuth spec, boolean dryRun) {
        session.prefetch(reads(spec));
        ProviderName providerName = ProviderName.of(session, Kind.PROXY_PROVIDER, spec.applicationSlug(),
                spec.providerName());
        Outcome outcome = reconciler.run(session, ForwardAuthRecipe.desired(spec, providerName, session.publicUrl()),
                dryRun);
        Integer providerPk = outcome.object(providerName.ref()).map(p -> p.get("pk").asInt())
                .orElse(null);
        return new ForwardAuthResult(outcome.status(), outcome.changes(), AuthentikCalls.of(session), providerPk,
                spec.applicationSlug(), traefik.forwardAuthAddress());
    }
}
