package io.github.authentikprovisioner.protectedapp;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.api.AuthentikCalls;
import io.github.authentikprovisioner.authentik.AuthentikSession;
import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.recipes.Gates;
import io.github.authentikprovisioner.recipes.ProviderName;
import io.github.authentikprovisioner.recipes.Recipe;
import io.github.authentikprovisioner.reconcile.Outcome;
import io.github.authentikprovisioner.reconcile.Reconciler;
import io.github.authentikprovisioner.traefik.ContainerLabels;
import io.github.authentikprovisioner.traefik.ProtectedHost;
import io.github.authentikprovisioner.traefik.TraefikConfig;

/** Runs the protected-app recipe: {@link ProtectedAppRecipe} through the engine. */
@ApplicationScoped
class ProtectedAppService implements Recipe<ProtectedApp, ProtectedAppResult> {

    private final Reconciler reconciler;
    private final TraefikConfig traefik;

    ProtectedAppService(Reconciler reconciler, TraefikConfig traefik) {
        this.reconciler = reconciler;
        this.traefik = traefik;
    }

    @Override
    public String name() {
        return "protectedApp";
    }

    @Override
    public Class<ProtectedApp> specType() {
        return ProtectedApp.class;
    }

    @Override
    public Set<Kind> reads(ProtectedApp spec) {
        return Set.of(Kind.PROXY_PROVIDER, Kind.APPLICATION, Kind.GROUP, Kind.FLOW, Kind.POLICY_BINDING, Kind.OUTPOST,
                Kind.USER);
    }

    @Override
    public ProtectedAppResult run(AuthentikSession session, ProtectedApp spec, boolean dryRun) {
        session.prefetch(reads(spec));
        List<ObjectNode> bindings = session.find(Kind.APPLICATION, Map.of("slug", spec.slug()))
                .map(app -> session.list(Kind.POLICY_BINDING, Map.of("target", app.path("pk").asText())))
                .orElse(List.of());
        ProviderName providerName = ProviderName.of(session, Kind.PROXY_PROVIDER, spec.slug(), spec.providerName());
        Outcome outcome = reconciler.run(session,
                ProtectedAppRecipe.desired(spec, providerName, session.publicUrl(), bindings), dryRun);
        Integer providerPk = outcome.object(providerName.ref()).map(p -> p.path("pk").asInt())
                .orElse(null);
        return new ProtectedAppResult(outcome.status(), outcome.changes(), AuthentikCalls.of(session), providerPk,
                spec.slug(), spec.accessGroup(),
                ContainerLabels.forForwardAuthApp(new ProtectedHost(spec.slug(), spec.externalHost()), traefik),
                Gates.nobodyIn(session, outcome, spec.accessGroup(), List.of(),
                        "nobody can open '" + spec.slug() + "' yet").stream().toList());
    }
}
