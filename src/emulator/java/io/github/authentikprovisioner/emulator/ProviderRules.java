package io.github.authentikprovisioner.emulator;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.emulator.Hooks.Saved;
import io.github.authentikprovisioner.emulator.Hooks.Write;

/**
 * The rules of the provider family: {@code providers/proxy} (ProxyProviderSerializer,
 * authentik/providers/proxy/api.py) and {@code providers/oauth2} (OAuth2ProviderSerializer,
 * authentik/providers/oauth2/api/providers.py), whose model ProxyProvider subclasses.
 */
final class ProviderRules {

    private static final List<String> PROXY_DEFAULT_MAPPINGS = List.of("goauthentik.io/providers/oauth2/scope-openid",
            "goauthentik.io/providers/oauth2/scope-profile", "goauthentik.io/providers/oauth2/scope-email",
            "goauthentik.io/providers/oauth2/scope-entitlements", "goauthentik.io/providers/proxy/scope-proxy");

    private ProviderRules() {
    }

    /** A provider deleted: its application keeps no provider, and no outpost holds it any more. */
    static void deleted(RuleContext ctx, String pk) {
        ctx.all("core/applications").filter(a -> a.path("provider").asText().equals(pk))
                .forEach(a -> a.putNull("provider"));
        ctx.all("outposts/instances")
                .forEach(op -> op.set("providers", JsonArrays.without(op.withArray("providers"), pk)));
    }

    /** The application the provider is assigned to (the reverse relation); backchannel ones are not emulated. */
    static void assignedApplication(Renderer r, ObjectNode stored, ObjectNode o) {
        Optional<ObjectNode> app = r.all("core/applications")
                .filter(a -> a.path("provider").asText().equals(stored.get("pk").asText())).findFirst();
        o.set("assigned_application_slug", app.map(a -> a.get("slug")).orElse(NullNode.instance));
        o.set("assigned_application_name", app.map(a -> a.get("name")).orElse(NullNode.instance));
        o.putNull("assigned_backchannel_application_slug");
        o.putNull("assigned_backchannel_application_name");
    }

    /** A proxy provider's outposts by name, and the redirect URIs it is given. */
    static void outpostsAndRedirects(Renderer r, ObjectNode stored, ObjectNode o) {
        ArrayNode outposts = o.putArray("outpost_set");
        r.all("outposts/instances").filter(op -> JsonArrays.contains(op.get("providers"), stored.get("pk")))
                .forEach(op -> outposts.add(op.get("name").asText()));
        // set_oauth_defaults(): urljoin(external_host, "outpost.goauthentik.io/callback") and external_host as
        // given, each with the callback signature (authentik/providers/proxy/models.py _get_callback_url)
        String host = stored.path("external_host").asText();
        ArrayNode redirects = o.putArray("redirect_uris");
        redirects.addObject().put("matching_mode", "strict")
                .put("url", urljoin(host, "outpost.goauthentik.io/callback") + "?X-authentik-auth-callback=true");
        redirects.addObject().put("matching_mode", "strict")
                .put("url", host + "?X-authentik-auth-callback=true");
    }

    /** Python's urllib.parse.urljoin for an absolute base: RFC 3986 reference resolution. */
    static String urljoin(String base, String relative) {
        try {
            return java.net.URI.create(base).resolve(relative).toString();
        } catch (IllegalArgumentException e) {
            return base + "/" + relative;
        }
    }

    /** ProxyProviderSerializer.validate(). */
    static void validateProxy(Write w) {
        ObjectNode attrs = w.attrs();
        // validate() reads attrs.get("mode", "proxy"): a PATCH without mode is checked as mode=proxy
        String mode = attrs.path("mode").asText("proxy");
        if (mode.equals("proxy") && attrs.path("internal_host").asText("").isEmpty()) {
            w.error("internal_host", "Internal host cannot be empty when forward auth is disabled.");
        }
        if (attrs.path("basic_auth_enabled").asBoolean(false)
                && (attrs.path("basic_auth_user_attribute").asText("").isEmpty()
                        || attrs.path("basic_auth_password_attribute").asText("").isEmpty())) {
            w.error("basic_auth_enabled", "User and password attributes must be set when basic auth is enabled.");
        }
    }

    /** A redirect URI in regex mode must compile (authentik/providers/oauth2/api/providers.py). */
    static void validateOAuth2(Write w) {
        for (JsonNode uri : w.merged().withArray("redirect_uris")) {
            if (uri.path("matching_mode").asText().equals("regex")) {
                try {
                    Pattern.compile(uri.path("url").asText());
                } catch (PatternSyntaxException e) {
                    w.error("redirect_uris", "Invalid Regex Pattern: " + uri.path("url").asText());
                }
            }
        }
    }

    /** The OAuth2Provider parent row's generated credentials (providers/oauth2/models.py defaults). */
    static void proxyCredentials(Write w) {
        w.merged().put("client_id", AuthentikLib.random(40)).put("client_secret", AuthentikLib.random(128));
    }

    /** The generated credentials where the request left them empty (providers/oauth2/models.py defaults). */
    static void oauth2Credentials(Write w) {
        ObjectNode o = w.merged();
        if (o.path("client_id").asText("").isEmpty()) {
            o.put("client_id", AuthentikLib.random(40));
        }
        if (o.path("client_secret").asText("").isEmpty()) {
            o.put("client_secret", AuthentikLib.random(128));
        }
    }

    /** set_oauth_defaults(): the proxy serializer adds the managed scope mappings on every save. */
    static void proxyDefaultMappings(Saved s) {
        ArrayNode mappings = s.object().withArray("property_mappings");
        for (String managed : PROXY_DEFAULT_MAPPINGS) {
            s.ctx().all("propertymappings/provider/scope")
                    .filter(m -> managed.equals(m.path("managed").asText())).findFirst()
                    .ifPresent(m -> {
                        if (!JsonArrays.contains(mappings, m.get("pk"))) {
                            mappings.add(m.get("pk").asText());
                        }
                    });
        }
    }
}
