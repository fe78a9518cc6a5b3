package io.github.authentikprovisioner.emulator;

import java.time.Instant;
import java.util.Comparator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.emulator.Hooks.ActionCall;
import io.github.authentikprovisioner.emulator.Hooks.Write;

/**
 * The rules of {@code core/tokens}: TokenSerializer and TokenViewSet (authentik/core/api/tokens.py) over the Token
 * model (authentik/core/models.py).
 */
final class TokenRules {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenRules() {
    }

    /** user_obj = UserSerializer(source="user") (authentik/core/api/tokens.py); the key is never rendered. */
    static void userObj(Renderer r, ObjectNode stored, ObjectNode o) {
        o.set("user_obj", r.store.inPool(Catalog.USER, stored.path("user").asText())
                .map(l -> (JsonNode) r.render(r.collection("core/users"), l.object())).orElse(NullNode.instance));
    }

    /**
     * In a blueprint's context TokenSerializer has a writable key (authentik/core/api/tokens.py __init__):
     * system/bootstrap.yaml gives authentik-bootstrap-token the key AUTHENTIK_BOOTSTRAP_TOKEN.
     */
    static void blueprintKey(ObjectNode created, Map<String, Object> values) {
        if (values.get("key") != null) {
            created.put("key", String.valueOf(values.get("key")));
        }
    }

    /**
     * key is a field of TokenSerializer only in a blueprint's context (its __init__ adds it there); a request cannot
     * write it (authentik/core/api/tokens.py).
     */
    static void keyNotWritable(RuleContext ctx, ObjectNode attrs) {
        attrs.remove("key");
    }

    /**
     * TokenSerializer: {@code validate_user} refuses another user than the token's when the request names one;
     * {@code validate()} then, with a request, fills in a missing user with the caller and a missing intent with api,
     * on a PATCH as on a create: a PATCH without {@code user} hands the token to the caller, one without
     * {@code intent} makes it an API token. Only api and app_password may be written; an API token's
     * {@code expires} is reset to now plus the default token duration on every write; an app password may not
     * outlive the user's {@code goauthentik.io/user/token-maximum-lifetime} (their groups' attributes, then their
     * own). Without a request (a blueprint) user and intent must be given.
     */
    static void validate(Write w) {
        ObjectNode attrs = w.attrs();
        ObjectNode existing = w.existing();
        if (existing != null && attrs.hasNonNull("user")
                && !attrs.get("user").asText().equals(existing.path("user").asText())) {
            w.error("user", "User cannot be changed");
            return;
        }
        if (!fillUserAndIntent(w)) {
            return;
        }
        String intent = attrs.get("intent").asText();
        if (!intent.equals("api") && !intent.equals("app_password")) {
            w.error("intent", "Invalid intent " + intent);
            return;
        }
        if (expiry(w, intent)) {
            w.merged().setAll(attrs);
        }
    }

    /** The caller and api for a missing user and intent; false (with the error) where a blueprint left them out. */
    private static boolean fillUserAndIntent(Write w) {
        ObjectNode attrs = w.attrs();
        ObjectNode caller = w.ctx().caller();
        if (caller == null) {
            if (!attrs.has("user")) {
                w.error("non_field_errors", "Missing user");
                return false;
            }
            if (!attrs.has("intent")) {
                w.error("non_field_errors", "Missing intent");
                return false;
            }
        } else if (!attrs.has("user")) {
            attrs.set("user", caller.get("pk"));
        }
        if (!attrs.has("intent")) {
            attrs.put("intent", "api");
        }
        return true;
    }

    /** The expiry an API token is given, or whether an app password's is allowed (false with the error). */
    private static boolean expiry(Write w, String intent) {
        ObjectNode attrs = w.attrs();
        Store store = w.store();
        Instant defaultExpiry = store.now.plus(AuthentikLib.duration(defaultTokenDuration(store)));
        if (intent.equals("api")) {
            attrs.put("expires", defaultExpiry.toString());
        } else if (attrs.hasNonNull("expires")) {
            Instant max = defaultExpiry;
            String lifetime = groupAttributes(w.ctx(), attrs.get("user").asText())
                    .path("goauthentik.io/user/token-maximum-lifetime").asText(null);
            if (lifetime != null) {
                try {
                    max = store.now.plus(AuthentikLib.duration(lifetime));
                } catch (RuntimeException unparsable) {
                    // a ValueError is ignored: the default duration stays the limit
                }
            }
            if (Instant.parse(attrs.get("expires").asText()).isAfter(max)) {
                w.error("expires", "Token expires exceeds maximum lifetime (" + max + " UTC).");
                return false;
            }
        }
        return true;
    }

    /** The tenant's {@code default_token_duration}; its model default before the settings exist (while seeding). */
    private static String defaultTokenDuration(Store store) {
        return store.settings == null ? "days=1" : store.settings.path("default_token_duration").asText("days=1");
    }

    /**
     * User.group_attributes without a request: the attributes of all_groups() by name (the user's groups and their
     * ancestors), then the user's own (authentik/core/models.py).
     */
    private static ObjectNode groupAttributes(RuleContext ctx, String userPk) {
        ObjectNode out = JSON.createObjectNode();
        ctx.store.inPool(Catalog.USER, userPk).ifPresent(u -> {
            ctx.renderer.groups().allGroups(u.object()).stream()
                    .sorted(Comparator.comparing(g -> g.path("name").asText()))
                    .filter(g -> g.path("attributes").isObject())
                    .forEach(g -> out.setAll((ObjectNode) g.get("attributes")));
            if (u.object().path("attributes").isObject()) {
                out.setAll((ObjectNode) u.object().get("attributes"));
            }
        });
        return out;
    }

    /**
     * default_token_key(): generate_id(default_token_length) (authentik/core/models.py); perform_create: a caller who
     * is not a superuser gets the token, expiring as their goauthentik.io/user/token-expires attribute says
     * (authentik/core/api/tokens.py).
     */
    static void keyAndOwner(Write w) {
        Store store = w.store();
        ObjectNode o = w.merged();
        ObjectNode caller = w.ctx().caller();
        o.put("key", AuthentikLib.random(store.settings == null ? 60
                : store.settings.path("default_token_length").asInt(60)));
        if (caller != null && !w.ctx().isSuperuser(caller)) {
            o.set("user", caller.get("pk"));
            o.put("expiring", caller.path("attributes").path("goauthentik.io/user/token-expires").asBoolean(true));
        }
    }

    /**
     * @permission_required("authentik_core.set_token_key"), @validate(TokenSetKeySerializer) (key: a required
     * CharField), then token.key = key; answered 204 without a body (authentik/core/api/tokens.py set_key).
     */
    static Reply setKey(ActionCall call) {
        call.ctx().requireSuperuser();
        call.object().put("key", DrfInput.requiredText(call.body(), "key"));
        return Reply.noContent();
    }

    /**
     * @permission_required("authentik_core.view_token_key"): superusers, and whoever created the token without being
     * one (perform_create assigns them that permission on it) (authentik/core/api/tokens.py view_key).
     */
    static Reply viewKey(ActionCall call) {
        ObjectNode caller = call.ctx().caller();
        ObjectNode o = call.object();
        if (!call.ctx().isSuperuser(caller) && !o.path("user").asText().equals(caller.path("pk").asText())) {
            throw ApiError.detail(403, "You do not have permission to perform this action.");
        }
        return Reply.ok(JSON.createObjectNode().put("key", o.path("key").asText()));
    }
}
