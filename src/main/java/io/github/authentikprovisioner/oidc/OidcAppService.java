package io.github.authentikprovisioner.oidc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.api.AuthentikCalls;
import io.github.authentikprovisioner.reconcile.Conflict;
import io.github.authentikprovisioner.authentik.AuthentikSession;
import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.recipes.Gates;
import io.github.authentikprovisioner.recipes.ManagedApplication;
import io.github.authentikprovisioner.recipes.ProviderName;
import io.github.authentikprovisioner.recipes.Recipe;
import io.github.authentikprovisioner.reconcile.Outcome;
import io.github.authentikprovisioner.reconcile.Reconciler;
import io.github.authentikprovisioner.reconcile.Status;

/**
 * OIDC applications: ensured through {@link OidcAppRecipe} keeping the provider (and so the credentials) an
 * application already has, read back with their credentials, listed, and deleted with what nothing else uses.
 */
@ApplicationScoped
class OidcAppService implements Recipe<OidcApp, OidcAppResult> {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(OidcAppService.class);

    private final Reconciler reconciler;

    OidcAppService(Reconciler reconciler) {
        this.reconciler = reconciler;
    }

    @Override
    public String name() {
        return "oidc";
    }

    @Override
    public Class<OidcApp> specType() {
        return OidcApp.class;
    }

    @Override
    public java.util.Set<Kind> reads(OidcApp spec) {
        // the application and its gates are read first, then what the preset's objects are and refer to
        java.util.Set<Kind> kinds = new java.util.HashSet<>(java.util.Set.of(Kind.APPLICATION, Kind.OAUTH2_PROVIDER,
                Kind.POLICY_BINDING));
        kinds.addAll(Reconciler.kindsOf(OidcAppRecipe.desired(spec, OidcAppRecipe.newProvider(spec), List.of())));
        if (spec.accessGroup() != null) {
            kinds.add(Kind.USER); // whether anyone is let in through the gate
        }
        return kinds;
    }

    @Override
    public OidcAppResult run(AuthentikSession session, OidcApp body, boolean dryRun) {
        session.prefetch(reads(body));
        Optional<ObjectNode> app = session.get(Kind.APPLICATION, body.slug());
        // the application's provider is kept, and with it the credentials its clients already have: renamed when
        // providerName asks for it, else under the name it has
        ProviderName providerName = body.providerName() != null
                ? ProviderName.of(session, Kind.OAUTH2_PROVIDER, body.slug(), body.providerName())
                : ProviderName.keeping(session, Kind.OAUTH2_PROVIDER, body.slug(), body.defaultProviderName());
        if (app.map(a -> a.path("provider_obj")).filter(JsonNode::isObject).isEmpty()) {
            String wanted = providerName.wanted();
            session.find(Kind.OAUTH2_PROVIDER, Map.of("name", wanted)).ifPresent(p -> {
                // /providers/oauth2/ lists proxy providers as OAuth2 rows too (ProxyProvider subclasses
                // OAuth2Provider: authentik/providers/oauth2/api/providers.py), so ask the proxy list
                if (session.find(Kind.PROXY_PROVIDER, Map.of("name", wanted)).isPresent()) {
                    throw Conflict.of("the provider name '" + wanted + "' belongs to a proxy provider, "
                            + "not to an OAuth2/OpenID provider; give another providerName");
                }
                String owner = p.path("assigned_application_slug").asText(null);
                if (owner != null && !owner.equals(body.slug())) {
                    throw Conflict.of("the OAuth2 provider '" + wanted + "' serves the application '"
                            + owner + "'; give another providerName");
                }
            });
        }
        List<OidcAppRecipe.StaleGate> stale = List.of();
        if (app.isPresent()) {
            stale = OidcAppRecipe.staleGates(body,
                    session.list(Kind.POLICY_BINDING, Map.of("target", app.get().path("pk").asText())));
        }
        List<RedirectUri> replaced = session.find(Kind.OAUTH2_PROVIDER, Map.of("name", providerName.current()))
                .map(p -> OidcAppRecipe.replacedRedirects(body, p)).orElse(List.of());
        Outcome outcome = reconciler.run(session, OidcAppRecipe.desired(body, providerName, stale), dryRun);
        if (!replaced.isEmpty()) {
            LOG.warnf("oidc application '%s': redirect URIs %s %s, replacing %s; if this repeats, two callers give "
                    + "it different base URLs", body.slug(), dryRun ? "would become" : "are now",
                    urls(body.effectiveRedirectUris()), urls(replaced));
        }
        JsonNode provider = outcome.object(providerName.ref()).orElse(null);
        List<String> warnings = body.accessGroup() == null ? List.of() : Gates.nobodyIn(session, outcome,
                body.accessGroup(), body.members(), consequence(body.slug())).stream().toList();
        return OidcAppResult.of(outcome.status(), outcome.changes(),
                AuthentikCalls.of(session), body, providerName.wanted(), provider, session.publicUrl(), replaced,
                warnings);
    }

    private static String consequence(String slug) {
        return "nobody can sign in to '" + slug + "' yet";
    }

    private static List<String> urls(List<RedirectUri> redirects) {
        return redirects.stream().map(r -> r.byRegex() ? "regex " + r.regex() : r.url()).toList();
    }

    OidcAppSummary.Page list(AuthentikSession session) {
        List<ObjectNode> apps = ManagedApplication.list(session).stream().map(ManagedApplication::object).toList();
        Map<String, ObjectNode> providers = new HashMap<>();
        if (apps.stream().anyMatch(OidcAppState::isManagedOidc)) {
            session.list(Kind.OAUTH2_PROVIDER, Map.of()).forEach(p -> providers.put(p.path("pk").asText(), p));
        }
        List<OidcAppSummary> out = new ArrayList<>();
        for (ObjectNode app : apps) {
            ObjectNode provider = providers.get(app.path("provider").asText());
            if (!OidcAppState.isManagedOidc(app) || provider == null) {
                continue;
            }
            OidcApp spec = OidcAppState.read(app, provider, Map.of(), List.of());
            out.add(new OidcAppSummary(spec.slug(), spec.name(), spec.preset(), provider.path("name").asText(),
                    OidcAppState.clientId(provider),
                    session.publicUrl() + "/application/o/" + spec.slug() + "/"));
        }
        return new OidcAppSummary.Page(out, AuthentikCalls.of(session));
    }

    /** The application {@code slug} as a POST would answer it, read from authentik. */
    OidcAppResult get(AuthentikSession session, String slug) {
        ObjectNode app = managedApplication(session, slug);
        ObjectNode provider = session.get(Kind.OAUTH2_PROVIDER, app.path("provider").asText())
                .orElseThrow(() -> new NotFoundException("application '" + slug + "' has no OAuth2 provider"));
        Map<String, String> managedScopes = new HashMap<>();
        session.list(Kind.SCOPE_MAPPING, Map.of("managed__isnull", "false"))
                .forEach(m -> managedScopes.put(m.path("pk").asText(), m.path("managed").asText()));
        List<ObjectNode> groups = session.list(Kind.GROUP, Map.of("include_users", "false"));
        OidcApp spec = OidcAppState.read(app, provider, managedScopes, groups);
        List<String> warnings = spec.accessGroup() == null ? List.of()
                : Gates.nobodyIn(session, spec.accessGroup(), consequence(slug)).stream().toList();
        return OidcAppResult.of(Status.UNCHANGED, List.of(), AuthentikCalls.of(session), spec,
                provider.path("name").asText(), provider, session.publicUrl(), List.of(), warnings);
    }

    /** Deletes the application and its provider, and the groups and scope mapping nothing else uses. */
    OidcAppDeleteResult delete(AuthentikSession session, String slug, boolean dryRun) {
        ObjectNode app = managedApplication(session, slug);
        Optional<ObjectNode> provider = app.path("provider").isNull() ? Optional.empty()
                : session.get(Kind.OAUTH2_PROVIDER, app.path("provider").asText());
        Map<String, Boolean> ourMappings = new java.util.LinkedHashMap<>();
        provider.ifPresent(p -> {
            List<String> used = new ArrayList<>();
            p.path("property_mappings").forEach(pk -> used.add(pk.asText()));
            if (used.isEmpty()) {
                return;
            }
            for (ObjectNode mapping : session.list(Kind.SCOPE_MAPPING, Map.of("managed__isnull", "true"))) {
                String name = mapping.path("name").asText();
                if (used.contains(mapping.path("pk").asText()) && NextcloudProfile.isOurs(name)) {
                    ourMappings.put(name, session.list(Kind.OAUTH2_PROVIDER,
                                    Map.of("property_mappings", mapping.path("pk").asText())).stream()
                            .anyMatch(other -> !other.path("pk").asText().equals(p.path("pk").asText())));
                }
            }
        });
        String marker = OidcAppRecipe.marker(slug);
        List<ObjectNode> marked = session.list(Kind.GROUP, Map.of()).stream()
                .filter(g -> g.path("attributes").has(marker)).toList();
        List<ObjectNode> groupBindings = marked.isEmpty() ? List.of()
                : session.list(Kind.POLICY_BINDING, Map.of("policy__isnull", "true"));
        OidcAppRemoval removal = OidcAppRemoval.of(slug, app.path("pk").asText(), provider, ourMappings, marked,
                groupBindings);
        Outcome outcome = reconciler.run(session, removal.desired(), dryRun);
        return new OidcAppDeleteResult(outcome.removalStatus(), outcome.changes(), AuthentikCalls.of(session), slug,
                removal.kept());
    }

    /** The application {@code slug} if this service manages it: 404 when unknown, 409 when someone else's. */
    private static ObjectNode managedApplication(AuthentikSession session, String slug) {
        ObjectNode app = ManagedApplication.require(session, slug, "change it in authentik itself").object();
        JsonNode provider = app.path("provider_obj");
        if (provider.isObject() && !OidcAppState.isOAuth2(provider)) {
            throw Conflict.of("application '" + slug + "' is served by the "
                    + provider.path("verbose_name").asText("provider") + " '" + provider.path("name").asText()
                    + "', not by an OAuth2/OpenID provider");
        }
        return app;
    }
}
