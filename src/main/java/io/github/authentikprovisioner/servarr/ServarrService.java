package io.github.authentikprovisioner.servarr;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.api.AuthentikCalls;
import io.github.authentikprovisioner.reconcile.Conflict;
import io.github.authentikprovisioner.authentik.AuthentikSession;
import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.outpost.EmbeddedOutpost;
import io.github.authentikprovisioner.recipes.Gates;
import io.github.authentikprovisioner.recipes.ManagedApplication;
import io.github.authentikprovisioner.recipes.ProviderName;
import io.github.authentikprovisioner.recipes.Recipe;
import io.github.authentikprovisioner.reconcile.Outcome;
import io.github.authentikprovisioner.reconcile.Reconciler;
import io.github.authentikprovisioner.traefik.ContainerLabels;
import io.github.authentikprovisioner.traefik.ProtectedHost;
import io.github.authentikprovisioner.traefik.TraefikConfig;

/** Servarr apps: ensured through {@link ServarrRecipe}, read back through {@link ServarrApps}, and removed. */
@ApplicationScoped
class ServarrService implements Recipe<ServarrApp, ServarrResult> {

    private final Reconciler reconciler;
    private final TraefikConfig traefik;

    ServarrService(Reconciler reconciler, TraefikConfig traefik) {
        this.reconciler = reconciler;
        this.traefik = traefik;
    }

    @Override
    public String name() {
        return "servarr";
    }

    @Override
    public Class<ServarrApp> specType() {
        return ServarrApp.class;
    }

    @Override
    public java.util.Set<Kind> reads(ServarrApp spec) {
        return java.util.Set.of(Kind.PROXY_PROVIDER, Kind.APPLICATION, Kind.GROUP, Kind.FLOW, Kind.OUTPOST, Kind.USER);
    }

    @Override
    public ServarrResult run(AuthentikSession session, ServarrApp spec, boolean dryRun) {
        session.prefetch(reads(spec));
        ProviderName providerName = ProviderName.of(session, Kind.PROXY_PROVIDER, spec.slug(), spec.providerName());
        Outcome outcome = reconciler.run(session, ServarrRecipe.desired(spec, providerName, session.publicUrl()),
                dryRun);
        Optional<ObjectNode> provider = outcome.object(providerName.ref());
        // applied: the engine made the outpost serve it (or failed); planned: only if nothing is left to add
        boolean assigned = !outcome.dryRun() || outcome.changes().stream()
                .filter(c -> c.kind().equals(Kind.OUTPOST.label())).noneMatch(c -> c.fields().contains("providers"));
        ServarrAppState view = ServarrAppState.of(spec, provider.map(p -> p.path("pk").asInt()).orElse(null), assigned);
        ServarrResult.Traefik labels = new ServarrResult.Traefik(
                ContainerLabels.forBasicAuthApp(new ProtectedHost(spec.slug(), spec.externalHost()), traefik));
        List<String> warnings = Gates.nobodyIn(session, outcome, spec.group(), spec.members(), "nobody gets "
                + spec.name() + "'s credentials yet, so it asks everyone for its own login").stream().toList();
        return new ServarrResult(outcome.status(), outcome.changes(), AuthentikCalls.of(session), view, labels,
                warnings);
    }

    List<ServarrAppState> list(AuthentikSession session) {
        return ServarrApps.all(session);
    }

    Optional<ServarrAppState> one(AuthentikSession session, String slug) {
        return ServarrApps.one(session, slug);
    }

    /** Undoes {@link #run} for one app: 404 for an unknown slug, 409 for an application that is not a Servarr app. */
    ServarrResult remove(AuthentikSession session, String slug, boolean dryRun) {
        ObjectNode app = ManagedApplication.require(session, slug, "remove it in authentik's admin interface")
                .object();
        Optional<ObjectNode> provider = ServarrApps.providerOf(session, app);
        if (provider.isPresent() && !ServarrApps.isServarrProvider(provider.get())) {
            throw Conflict.of("application '" + slug + "' is not a Servarr app (its provider does not "
                    + "forward HTTP-Basic credentials); remove it with the endpoint that created it");
        }
        Set<String> keys = provider.map(ServarrApps::attributeKeys).orElse(Set.of());
        List<ObjectNode> allGroups = session.list(Kind.GROUP, Map.of("include_users", "false"));
        String providerName = provider.map(p -> p.path("name").asText()).orElse(app.path("name").asText() + " Provider");
        ServarrAppState view = provider.map(p -> ServarrAppState.read(app, p, EmbeddedOutpost.served(session), allGroups))
                .orElse(null);
        List<String> groups = ServarrApps.groupsHolding(allGroups, keys);
        Outcome outcome = reconciler.run(session, ServarrRecipe.removal(slug, providerName, keys, groups), dryRun);
        return new ServarrResult(outcome.removalStatus(), outcome.changes(), AuthentikCalls.of(session), view, null,
                List.of());
    }
}
