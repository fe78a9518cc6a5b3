package io.github.authentikprovisioner.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.authentik.Authentik;
import io.github.authentikprovisioner.authentik.AuthentikSession;
import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.recipes.Managed;
import io.github.authentikprovisioner.recipes.ServarrApp;
import io.github.authentikprovisioner.recipes.ServarrRecipe;
import io.github.authentikprovisioner.reconcile.Outcome;
import io.github.authentikprovisioner.reconcile.Reconciler;
import io.github.authentikprovisioner.traefik.ContainerLabels;
import io.github.authentikprovisioner.traefik.ProtectedHost;
import io.github.authentikprovisioner.traefik.TraefikConfig;

/** Servarr apps with HTTP-Basic forwarding: one call per app instead of the seed's per-app clicks. */
@Path("/apps/servarr")
@Tag(name = "Servarr apps")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ServarrResource {

    private final Authentik authentik;
    private final Reconciler reconciler;
    private final TraefikConfig traefik;

    ServarrResource(Authentik authentik, Reconciler reconciler, TraefikConfig traefik) {
        this.authentik = authentik;
        this.reconciler = reconciler;
        this.traefik = traefik;
    }

    @POST
    @Operation(summary = "Ensure a Servarr app",
            description = "Ensures the group attributes <slug>_user/<slug>_password (other keys kept), optional "
                    + "members, a forward_single proxy provider sending HTTP-Basic credentials, the application, and "
                    + "its assignment to the embedded outpost. The password is never echoed. Idempotent.")
    public RestResponse<ServarrResult> ensure(@Valid @NotNull ServarrApp body,
            @Parameter(description = "Only report the plan; write nothing") @QueryParam("dryRun") boolean dryRun) {
        AuthentikSession session = authentik.session();
        Outcome outcome = reconciler.run(session, ServarrRecipe.desired(body, session.publicUrl()), dryRun);
        Optional<ObjectNode> provider = outcome.object(ServarrRecipe.provider(body.providerName()));
        // applied: the engine made the outpost serve it (or failed); planned: only if nothing is left to add
        boolean assigned = !outcome.dryRun() || outcome.changes().stream()
                .filter(c -> c.kind().equals(Kind.OUTPOST.label())).noneMatch(c -> c.fields().contains("providers"));
        ServarrAppView view = new ServarrAppView(body.name(), body.slug(), body.externalHost(),
                provider.map(p -> p.path("pk").asInt()).orElse(null), body.providerName(), body.group(),
                List.of(body.userAttribute(), body.passwordAttribute()), assigned, body.unauthenticatedPaths());
        ServarrResult.Traefik labels = new ServarrResult.Traefik(
                ContainerLabels.forBasicAuthApp(new ProtectedHost(body.slug(), body.externalHost()), traefik));
        return RecipeReport.respond(outcome, new ServarrResult(outcome.status(), outcome.changes(),
                AuthentikCalls.of(session), view, labels));
    }

    @GET
    @Operation(summary = "List Servarr apps", description = "Every Servarr app this service manages, with whether the "
            + "embedded outpost serves it. Four authentik calls whatever the number of apps.")
    public List<ServarrAppView> list() {
        return ServarrApps.all(authentik.session());
    }

    @GET
    @Path("/{slug}")
    @Operation(summary = "One Servarr app")
    @APIResponse(responseCode = "404", description = "No Servarr app with that slug is managed here")
    public ServarrAppView get(@PathParam("slug") String slug) {
        return ServarrApps.one(authentik.session(), slug)
                .orElseThrow(() -> new NotFoundException("no Servarr app '" + slug + "' is managed here"));
    }

    @DELETE
    @Path("/{slug}")
    @Operation(summary = "Remove a Servarr app",
            description = "Takes its provider off the embedded outpost, deletes its application and provider, and "
                    + "removes its two attribute keys from the group. Other apps, keys and outpost providers stay. "
                    + "Only objects this service created are touched.")
    @APIResponse(responseCode = "404", description = "No application with that slug")
    @APIResponse(responseCode = "409", description = "The application was not created by this service")
    public RestResponse<ServarrResult> remove(@PathParam("slug") String slug,
            @Parameter(description = "Only report the plan; write nothing") @QueryParam("dryRun") boolean dryRun) {
        AuthentikSession session = authentik.session();
        ObjectNode app = session.get(Kind.APPLICATION, slug)
                .orElseThrow(() -> new NotFoundException("no application '" + slug + "' in authentik"));
        if (!Managed.PUBLISHER.equals(app.path("meta_publisher").asText())) {
            throw new ConflictException("application '" + slug + "' was not created by authentik-provisioner; "
                    + "remove it in authentik's admin interface");
        }
        Optional<ObjectNode> provider = ServarrApps.providerOf(session, app);
        if (provider.isPresent() && !ServarrApps.isServarrProvider(provider.get())) {
            throw new ConflictException("application '" + slug + "' is not a Servarr app (its provider does not "
                    + "forward HTTP-Basic credentials); remove it with the endpoint that created it");
        }
        Set<String> keys = provider.map(ServarrApps::attributeKeys).orElse(Set.of());
        List<ObjectNode> allGroups = session.list(Kind.GROUP, Map.of("include_users", "false"));
        String providerName = provider.map(p -> p.path("name").asText()).orElse(app.path("name").asText() + " Provider");
        ServarrAppView view = provider.map(p -> ServarrApps.view(app, p, ServarrApps.served(session), allGroups))
                .orElse(null);
        List<String> groups = ServarrApps.groupsHolding(allGroups, keys);
        Outcome outcome = reconciler.run(session, ServarrRecipe.removal(slug, providerName, keys, groups), dryRun);
        return RestResponse.ok(new ServarrResult(outcome.removalStatus(), outcome.changes(), AuthentikCalls.of(session),
                view, null));
    }
}
