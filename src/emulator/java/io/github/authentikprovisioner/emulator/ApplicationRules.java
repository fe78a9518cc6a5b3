package io.github.authentikprovisioner.emulator;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.emulator.Hooks.ActionCall;
import io.github.authentikprovisioner.emulator.Hooks.Write;

/**
 * The rules of {@code core/applications}: ApplicationSerializer and ApplicationViewSet
 * (authentik/core/api/applications.py).
 */
final class ApplicationRules {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> RESERVED_SLUGS = Set.of("authorize", "token", "device", "userinfo",
            "introspect", "revoke");

    private ApplicationRules() {
    }

    /** The provider in full, and the launch URL: meta_launch_url, else the provider's external host. */
    static void answerFields(Renderer r, ObjectNode stored, ObjectNode o) {
        JsonNode providerPk = stored.get("provider");
        Optional<Store.Located> provider = providerPk == null || providerPk.isNull() ? Optional.empty()
                : r.store.inPool(Catalog.PROVIDER, providerPk.asText());
        o.set("provider_obj", provider.map(l -> (JsonNode) r.nested(l, "Provider")).orElse(NullNode.instance));
        o.putArray("backchannel_providers_obj");
        String launch = stored.path("meta_launch_url").asText("");
        if (launch.isEmpty()) {
            launch = provider.map(l -> l.object().path("external_host").asText("")).orElse("");
        }
        o.set("launch_url", launch.isEmpty() ? NullNode.instance : JSON.getNodeFactory().textNode(launch));
        o.putNull("meta_icon_url");
        o.putNull("meta_icon_themed_urls");
    }

    /** authentik/core/api/applications.py validate_slug(). */
    static void slugNotReserved(Write w) {
        if (RESERVED_SLUGS.contains(w.merged().path("slug").asText())) {
            w.error("slug", "The slug '" + w.merged().path("slug").asText()
                    + "' is reserved and cannot be used for applications.");
        }
    }

    /**
     * superuser_full_list is honoured for superusers only; anyone else, superusers without it too, gets the
     * applications whose policy engine passes for them (authentik/core/api/applications.py, list() and
     * _get_allowed_applications()). With ?for_user= (and no honoured superuser_full_list) the engine runs for that
     * user, looked up among get_objects_for_user(request.user, "authentik_core.view_user_applications"): every user
     * for a superuser; an unknown pk is ValidationError({"for_user": "User not found"}). A non-superuser's for_user
     * (which users it may view) and a pk int() refuses ("raise ValidationError from exc") are not emulated, nor are the
     * list's pagination before the check and its 24-hour cache.
     */
    static Predicate<ObjectNode> shownTo(RuleContext ctx, Map<String, List<String>> query) {
        List<String> fullList = query.get("superuser_full_list");
        boolean all = fullList != null && !fullList.isEmpty() && fullList.getFirst().equals("true")
                && ctx.isSuperuser(ctx.caller());
        Collection apps = ctx.collection("core/applications");
        if (all) {
            return app -> true;
        }
        List<String> forUser = query.get("for_user");
        ObjectNode user = forUser == null ? ctx.caller() : listedFor(ctx, forUser.isEmpty() ? "" : forUser.getLast());
        return app -> new PolicyEngine(ctx, apps, app).passing(user);
    }

    /** The user of the list's ?for_user=, for a superuser caller (authentik/core/api/applications.py list()). */
    private static ObjectNode listedFor(RuleContext ctx, String value) {
        if (!ctx.isSuperuser(ctx.caller())) {
            throw ctx.notEmulated("the application list's for_user for a caller who is not a superuser");
        }
        if (pythonInt(value).isEmpty()) {
            throw ctx.notEmulated("the application list's for_user that is not a number");
        }
        return forUser(ctx, value);
    }

    /**
     * GET check_access (authentik/core/api/applications.py, 2026.2.2, check_access()): the application by slug with
     * get_object_or_404, not get_object, so no view permission is needed (the row's 404 is Django's message); the
     * engine run for the caller, or for ?for_user= when the caller is a superuser (anyone else's for_user is
     * ignored); a non-superuser is answered PolicyResult(passing) alone, a superuser the engine's result with its
     * messages and the captured logs.
     *
     * <p>log_messages: what the engine logs while it builds is all logger.debug ("P_ENG: Found static bindings",
     * "P_ENG: Evaluating policy", ...), and the wrapper class drops debug entries at authentik's default log_level
     * info before capture_logs sees them (authentik/lib/logging.py structlog_configure,
     * make_filtering_bound_logger; lib/default.yml); a PolicyProcess's own are left out by check_access. So the list
     * is empty, as upstream at the default level; a server at log_level debug would list the debug entries.
     */
    static Reply checkAccess(ActionCall call) {
        RuleContext ctx = call.ctx();
        boolean superuser = ctx.isSuperuser(ctx.caller());
        ObjectNode user = ctx.caller();
        List<String> forUser = call.query().get("for_user");
        if (superuser && forUser != null) {
            // request.query_params.get: a QueryDict's last value of the key
            user = forUser(ctx, forUser.isEmpty() ? "" : forUser.getLast());
        }
        PolicyEngine engine = new PolicyEngine(ctx, ctx.collection("core/applications"), call.object());
        ObjectNode out = JSON.createObjectNode().put("passing", engine.passing(user));
        ArrayNode messages = out.putArray("messages");
        if (superuser) {
            engine.messages(user).forEach(messages::add);
        }
        out.putArray("log_messages");
        return Reply.ok(out);
    }

    /**
     * User.objects.filter(pk=...).first(): Django's IntegerField.get_prep_value turns the value into Python's
     * int(), whose ValueError check_access answers as {"for_user": "for_user must be numerical"}; an int beyond the
     * column's range matches nothing (Django 5's IntegerFieldOverflow lookups), as does an unknown pk:
     * {"for_user": "User not found"}. Both are ValidationError({...}) with a plain string: DRF wraps only a detail
     * that is neither a dict nor a list into a list (rest_framework/exceptions.py, ValidationError.__init__).
     */
    private static ObjectNode forUser(RuleContext ctx, String value) {
        Optional<BigInteger> pk = pythonInt(value);
        if (pk.isEmpty()) {
            throw ApiError.plain("for_user", "for_user must be numerical");
        }
        return ctx.all("core/users").filter(u -> new BigInteger(u.get("pk").asText()).equals(pk.get())).findFirst()
                .orElseThrow(() -> ApiError.plain("for_user", "User not found"));
    }

    /**
     * Python's int(str): surrounding whitespace, an optional sign, then decimal digits of any script with single
     * underscores between them; empty where it raises ValueError.
     */
    static Optional<BigInteger> pythonInt(String text) {
        // str.isspace(): Unicode white space, the no-break spaces among it
        int[] cps = text.codePoints().toArray();
        int from = 0;
        int to = cps.length;
        while (from < to && isPythonSpace(cps[from])) {
            from++;
        }
        while (to > from && isPythonSpace(cps[to - 1])) {
            to--;
        }
        cps = Arrays.copyOfRange(cps, from, to);
        int i = cps.length > 0 && (cps[0] == '+' || cps[0] == '-') ? 1 : 0;
        StringBuilder digits = new StringBuilder(cps.length > 0 && cps[0] == '-' ? "-" : "");
        boolean afterDigit = false;
        for (; i < cps.length; i++) {
            if (cps[i] == '_' && afterDigit) {
                afterDigit = false;
                continue;
            }
            int d = Character.digit(cps[i], 10);
            if (d < 0) {
                return Optional.empty();
            }
            digits.append(d);
            afterDigit = true;
        }
        return afterDigit ? Optional.of(new BigInteger(digits.toString())) : Optional.empty();
    }

    private static boolean isPythonSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }
}
