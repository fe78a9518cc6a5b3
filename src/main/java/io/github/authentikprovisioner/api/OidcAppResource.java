package io.github.authentikprovisioner.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.authentik.Authentik;
import io.github.authentikprovisioner.authentik.AuthentikSession;
import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.recipes.Managed;
import io.github.authentikprovisioner.recipes.NextcloudProfile;
import io.github.authentikprovisioner.recipes.OidcApp;
import io.github.authentikprovisioner.recipes.OidcAppRecipe;
import io.github.authentikprovisioner.recipes.OidcAppState;
import io.github.authentikprovisioner.reconcile.Desired;
import io.github.authentikprovisioner.reconcile.Field;
import io.github.authentikprovisioner.reconcile.Key;
import io.github.authentikprovisioner.reconcile.Outcome;
import io.github.authentikprovisioner.reconcile.Reconciler;
import io.github.authentikprovisioner.reconcile.Status;

/**
 * OIDC applications (seed: "Nextcloud", "Synology", "Immich", "Inventree"): a container calls this at startup and
 * configures itself from the answer, so the call is idempotent and hands back the same credentials every time.
 */
@Path("/apps/oidc")
@Tag(name = "OIDC applications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OidcAppResource {

    private static final String SENSITIVE = "x-sensitive";

    private final Authentik authentik;
    private final Reconciler reconciler;

    OidcAppResource(Authentik authentik, Reconciler reconciler) {
        this.authentik = authentik;
        this.reconciler = reconciler;
    }

    @POST
    @Operation(summary = "Ensure an OIDC application",
            description = "Ensures the OAuth2/OpenID provider, the application and the preset's groups, scope mapping, "
                    + "access gate and settings, and answers with the provider's credentials and the client-side "
                    + "setup. Idempotent: a repeated call makes no writes and returns the same client id and secret. "
                    + "The answer carries the client secret: never log it.")
    @Extension(name = SENSITIVE, value = "true", parseValue = true)
    @APIResponse(responseCode = "200", description = "Nothing was created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OidcAppResult.class)))
    @APIResponse(responseCode = "409", description = "The slug or provider name belongs to an application that is "
            + "not OIDC or to another application, or a default object of a fresh install is missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<OidcAppResult> ensure(@Valid @NotNull OidcApp body,
            @Parameter(description = "Only report the plan; write nothing") @QueryParam("dryRun") boolean dryRun) {
        AuthentikSession session = authentik.session();
        String providerName = body.defaultProviderName();
        List<OidcAppRecipe.StaleGate> stale = List.of();
        Optional<ObjectNode> app = session.get(Kind.APPLICATION, body.slug());
        JsonNode current = app.map(a -> a.path("provider_obj")).orElse(null);
        if (current != null && current.isObject()) {
            // keep the application's provider, and with it the credentials its clients already have
            if (!OidcAppState.isOAuth2(current)) {
                throw new ConflictException("application '" + body.slug() + "' is served by the "
                        + current.path("verbose_name").asText("provider") + " '" + current.path("name").asText()
                        + "', not by an OAuth2/OpenID provider; choose another slug");
            }
            String name = current.path("name").asText();
            if (body.providerName() != null && !body.providerName().equals(name)) {
                throw new ConflictException("application '" + body.slug() + "' is served by the OAuth2 provider '"
                        + name + "'; omit providerName or give that name");
            }
            providerName = name;
        } else {
            String wanted = providerName;
            session.find(Kind.OAUTH2_PROVIDER, Map.of("name", wanted)).ifPresent(p -> {
                String owner = p.path("assigned_application_slug").asText(null);
                if (owner != null && !owner.equals(body.slug())) {
                    throw new ConflictException("the OAuth2 provider '" + wanted + "' serves the application '"
                            + owner + "'; give another providerName");
                }
            });
        }
        if (app.isPresent()) {
            stale = staleGates(session, app.get(), body);
        }
        Outcome outcome = reconciler.run(session, OidcAppRecipe.desired(body, providerName, stale), dryRun);
        JsonNode provider = outcome.object(OidcAppRecipe.provider(providerName)).orElse(null);
        return RecipeReport.respond(outcome, OidcAppResult.of(outcome.status(), outcome.changes(),
                AuthentikCalls.of(session), body, providerName, provider, session.publicUrl()));
    }

    @GET
    @Operation(summary = "List the OIDC applications this service manages",
            description = "Slug, name, recognised preset, provider and client id of each; no secrets.")
    public OidcAppSummary.Page list() {
        AuthentikSession session = authentik.session();
        List<ObjectNode> apps = session.list(Kind.APPLICATION,
                Map.of("meta_publisher", Managed.PUBLISHER, "superuser_full_list", "true"));
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

    @GET
    @Path("{slug}")
    @Operation(summary = "Read an OIDC application with its credentials and setup",
            description = "The same body as the POST answers (status unchanged), read from authentik: a restarted "
                    + "container gets its credentials back. Carries the client secret: never log it.")
    @Extension(name = SENSITIVE, value = "true", parseValue = true)
    @APIResponse(responseCode = "200", description = "The application, its credentials and setup",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OidcAppResult.class)))
    @APIResponse(responseCode = "404", description = "No such application",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The application is not managed by this service or not OIDC",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public OidcAppResult get(@PathParam("slug") String slug) {
        AuthentikSession session = authentik.session();
        ObjectNode app = managedApplication(session, slug);
        ObjectNode provider = session.get(Kind.OAUTH2_PROVIDER, app.path("provider").asText())
                .orElseThrow(() -> new NotFoundException("application '" + slug + "' has no OAuth2 provider"));
        Map<String, String> managedScopes = new HashMap<>();
        session.list(Kind.SCOPE_MAPPING, Map.of("managed__isnull", "false"))
                .forEach(m -> managedScopes.put(m.path("pk").asText(), m.path("managed").asText()));
        List<ObjectNode> groups = session.list(Kind.GROUP, Map.of("include_users", "false"));
        OidcApp spec = OidcAppState.read(app, provider, managedScopes, groups);
        return OidcAppResult.of(Status.UNCHANGED, List.of(), AuthentikCalls.of(session), spec,
                provider.path("name").asText(), provider, session.publicUrl());
    }

    @DELETE
    @Path("{slug}")
    @Operation(summary = "Delete an OIDC application this service manages",
            description = "Deletes the application and its provider. Its groups and its scope mapping are deleted "
                    + "too unless another application, a binding elsewhere or group members still use them; those "
                    + "only lose this application's marker and are listed in 'kept'. 404 for an unknown slug, 409 "
                    + "for an application this service does not manage.")
    @APIResponse(responseCode = "200", description = "What was (or, with dryRun, would be) deleted and kept",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OidcAppDeleteResult.class)))
    @APIResponse(responseCode = "404", description = "No such application",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The application is not managed by this service or not OIDC",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public OidcAppDeleteResult delete(@PathParam("slug") String slug,
            @Parameter(description = "Only report the plan; write nothing") @QueryParam("dryRun") boolean dryRun) {
        AuthentikSession session = authentik.session();
        ObjectNode app = managedApplication(session, slug);
        String marker = OidcAppRecipe.marker(slug);
        List<Desired> desired = new ArrayList<>();
        List<OidcAppDeleteResult.Kept> kept = new ArrayList<>();
        desired.add(new Desired.Absent(Kind.APPLICATION, Key.of("slug", slug), slug));

        Optional<ObjectNode> provider = app.path("provider").isNull() ? Optional.empty()
                : session.get(Kind.OAUTH2_PROVIDER, app.path("provider").asText());
        if (provider.isPresent()) {
            String providerName = provider.get().path("name").asText();
            String providerPk = provider.get().path("pk").asText();
            desired.add(new Desired.Absent(Kind.OAUTH2_PROVIDER, Key.of("name", providerName), providerName));
            List<String> used = new ArrayList<>();
            provider.get().path("property_mappings").forEach(pk -> used.add(pk.asText()));
            if (!used.isEmpty()) {
                for (ObjectNode mapping : session.list(Kind.SCOPE_MAPPING, Map.of("managed__isnull", "true"))) {
                    String name = mapping.path("name").asText();
                    if (!used.contains(mapping.path("pk").asText()) || !NextcloudProfile.isOurs(name)) {
                        continue;
                    }
                    boolean elsewhere = session.list(Kind.OAUTH2_PROVIDER,
                                    Map.of("property_mappings", mapping.path("pk").asText())).stream()
                            .anyMatch(p -> !p.path("pk").asText().equals(providerPk));
                    if (elsewhere) {
                        kept.add(new OidcAppDeleteResult.Kept(Kind.SCOPE_MAPPING.label(), name,
                                "used by another provider"));
                    } else {
                        desired.add(new Desired.Absent(Kind.SCOPE_MAPPING, Key.of("name", name), name));
                    }
                }
            }
        }

        List<ObjectNode> marked = session.list(Kind.GROUP, Map.of()).stream()
                .filter(g -> g.path("attributes").has(marker)).toList();
        if (!marked.isEmpty()) {
            String appPk = app.path("pk").asText();
            List<ObjectNode> groupBindings = session.list(Kind.POLICY_BINDING, Map.of("policy__isnull", "true"));
            for (ObjectNode group : marked) {
                String name = group.path("name").asText();
                String reason = keepReason(group, marker, appPk, groupBindings);
                if (reason == null) {
                    desired.add(new Desired.Absent(Kind.GROUP, Key.of("name", name), name));
                } else {
                    kept.add(new OidcAppDeleteResult.Kept(Kind.GROUP.label(), name, reason));
                    desired.add(new Desired.Present(Kind.GROUP, Key.of("name", name), name,
                            Map.of("attributes", Field.withoutEntries(java.util.Set.of(marker)))));
                }
            }
        }
        Outcome outcome = reconciler.run(session, desired, dryRun);
        return new OidcAppDeleteResult(outcome.removalStatus(), outcome.changes(), AuthentikCalls.of(session), slug, kept);
    }

    /** The application {@code slug} if this service manages it: 404 when unknown, 409 when someone else's. */
    private static ObjectNode managedApplication(AuthentikSession session, String slug) {
        ObjectNode app = session.get(Kind.APPLICATION, slug)
                .orElseThrow(() -> new NotFoundException("authentik has no application '" + slug + "'"));
        if (!Managed.PUBLISHER.equals(app.path("meta_publisher").asText())) {
            throw new ConflictException("application '" + slug + "' is not managed by this service (its "
                    + "meta_publisher is not '" + Managed.PUBLISHER + "'); change it in authentik itself");
        }
        JsonNode provider = app.path("provider_obj");
        if (provider.isObject() && !OidcAppState.isOAuth2(provider)) {
            throw new ConflictException("application '" + slug + "' is served by the "
                    + provider.path("verbose_name").asText("provider") + " '" + provider.path("name").asText()
                    + "', not by an OAuth2/OpenID provider");
        }
        return app;
    }

    /** Group bindings of earlier calls that gate the application by a group the request no longer names. */
    private static List<OidcAppRecipe.StaleGate> staleGates(AuthentikSession session, ObjectNode app, OidcApp body) {
        List<OidcAppRecipe.StaleGate> out = new ArrayList<>();
        String marker = OidcAppRecipe.marker(body.slug());
        for (ObjectNode binding : session.list(Kind.POLICY_BINDING, Map.of("target", app.path("pk").asText()))) {
            JsonNode group = binding.path("group_obj");
            if (group.isObject() && !group.path("name").asText().equals(body.accessGroup())
                    && OidcAppRecipe.Role.ACCESS.value().equals(group.path("attributes").path(marker).asText())) {
                out.add(new OidcAppRecipe.StaleGate(group.path("pk").asText(), group.path("name").asText()));
            }
        }
        return out;
    }

    /** Why a group marked for the application must stay once it is gone; null when nothing else needs it. */
    private static String keepReason(ObjectNode group, String marker, String appPk, List<ObjectNode> groupBindings) {
        var names = group.path("attributes").fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            if (key.startsWith(OidcAppRecipe.MARKER_PREFIX) && !key.equals(marker)) {
                return "used by the application '" + key.substring(OidcAppRecipe.MARKER_PREFIX.length()) + "'";
            }
        }
        String pk = group.path("pk").asText();
        if (groupBindings.stream().anyMatch(b -> pk.equals(b.path("group").asText())
                && !appPk.equals(b.path("target").asText()))) {
            return "bound to another object";
        }
        if (!group.path("users").isEmpty()) {
            return "has members";
        }
        return null;
    }
}
