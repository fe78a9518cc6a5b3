package io.github.authentikprovisioner.recipes;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.authentikprovisioner.authentik.AuthentikObjects;
import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.reconcile.Conflict;
import io.github.authentikprovisioner.reconcile.Field;
import io.github.authentikprovisioner.reconcile.Key;
import io.github.authentikprovisioner.reconcile.Ref;

/**
 * The provider an app recipe writes, found through its application's {@code provider} link when the application
 * exists: a new display name then renames that provider in place, where a lookup by the new name alone would create a
 * second provider, re-point the application and leave the first one serving nothing. A provider's name is unique
 * across every kind of provider (authentik/core/models.py, {@code Provider.name = TextField(unique=True)}).
 *
 * @param kind the provider's kind
 * @param current the name the provider has now, its natural key in the plan; the wanted name when there is none yet
 * @param wanted the name the provider must have
 */
public record ProviderName(Kind kind, String current, String wanted) {

    /** authentik's model of each provider kind, as {@code provider_obj.meta_model_name} names it. */
    private static final Map<Kind, String> MODELS = Map.of(
            Kind.PROXY_PROVIDER, "authentik_providers_proxy.proxyprovider",
            Kind.OAUTH2_PROVIDER, "authentik_providers_oauth2.oauth2provider");

    /**
     * The provider of application {@code slug} when it has one of {@code kind}, to be called {@code wanted}.
     * 409 when the application is served by another kind of provider (re-pointing it would leave that provider
     * without an application), or when another provider holds {@code wanted} already.
     */
    public static ProviderName of(AuthentikObjects session, Kind kind, String slug, String wanted) {
        JsonNode linked = linked(session, kind, slug);
        if (linked == null) {
            return new ProviderName(kind, wanted, wanted);
        }
        String current = linked.path("name").asText();
        if (!current.equals(wanted)) {
            // proxy providers are listed by /providers/oauth2/ too (ProxyProvider subclasses OAuth2Provider:
            // authentik/providers/oauth2/api/providers.py), so one lookup covers both kinds
            session.find(Kind.OAUTH2_PROVIDER, Map.of("name", wanted))
                    .filter(other -> other.path("pk").asInt() != linked.path("pk").asInt())
                    .ifPresent(other -> {
                        String owner = other.path("assigned_application_slug").asText("");
                        throw Conflict.of("cannot rename the provider of application '" + slug + "' to '" + wanted
                                + "': another provider has that name" + (owner.isEmpty()
                                ? " and serves no application; delete it in authentik's admin interface"
                                : " and serves the application '" + owner + "'") + ", or choose another name");
                    });
        }
        return new ProviderName(kind, current, wanted);
    }

    /**
     * The provider of application {@code slug} under the name it has, when it has one of {@code kind} (a provider
     * set up by hand keeps its name); else a new one called {@code otherwise}. 409 as in {@link #of}.
     */
    public static ProviderName keeping(AuthentikObjects session, Kind kind, String slug, String otherwise) {
        JsonNode linked = linked(session, kind, slug);
        String name = linked == null ? otherwise : linked.path("name").asText();
        return new ProviderName(kind, name, name);
    }

    /** The provider application {@code slug} links to; null when there is none; 409 when it is not of kind. */
    private static JsonNode linked(AuthentikObjects session, Kind kind, String slug) {
        JsonNode linked = session.get(Kind.APPLICATION, slug).map(a -> a.path("provider_obj"))
                .filter(JsonNode::isObject).orElse(null);
        if (linked == null) {
            return null;
        }
        String current = linked.path("name").asText();
        if (!MODELS.get(kind).equals(linked.path("meta_model_name").asText())) {
            throw Conflict.of("application '" + slug + "' is served by the "
                    + linked.path("verbose_name").asText("provider") + " '" + current + "', not by a "
                    + kind.label() + "; remove it with the endpoint that created it, or choose another slug");
        }
        return linked;
    }

    /** The provider's natural key in a plan: its current name. */
    public Key key() {
        return Key.of("name", current);
    }

    /** A reference to the provider, for the application and the outpost of the same plan. */
    public Ref ref() {
        return new Ref(kind, key());
    }

    /** The managed {@code name} field: a rename when the current name differs. */
    public Field field() {
        return Field.of(wanted);
    }
}
