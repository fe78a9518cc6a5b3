package io.github.authentikprovisioner.emulator;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code admin/settings}: the tenant's settings, a singleton rather than a collection (SettingsSerializer,
 * authentik/tenants/api/settings.py), stored in {@link Store#settings}.
 */
final class SystemSettings {

    static final List<String> FLAGS = List.of("enterprise_audit_include_expanded_diff",
            "policies_buffered_access_view", "flows_continuous_login", "flows_refresh_others");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Store store;

    SystemSettings(Store store) {
        this.store = store;
    }

    /** The settings of a fresh install, the model's defaults. */
    static ObjectNode defaults() {
        ObjectNode settings = JSON.createObjectNode().put("avatars", "gravatar,initials")
                .put("default_user_change_name", true).put("default_user_change_email", false)
                .put("default_user_change_username", false).put("event_retention", "days=365")
                .put("reputation_lower_limit", -5).put("reputation_upper_limit", 5).put("gdpr_compliance", true)
                .put("impersonation", true).put("impersonation_require_reason", true)
                .put("default_token_duration", "days=1").put("default_token_length", 60)
                .put("pagination_default_page_size", 20).put("pagination_max_page_size", 100);
        settings.putArray("footer_links");
        settings.putObject("flags"); // stored empty; every flag answers its default (authentik/tenants/flags.py)
        return settings;
    }

    /** GET, PUT or PATCH of the settings. */
    Reply handle(String method, JsonNode body) {
        if (method.equals("GET")) {
            return Reply.ok(rendered());
        }
        ObjectNode attrs = DrfInput.object(body);
        if (method.equals("PUT") && !attrs.has("flags")) {
            throw ApiError.field("flags", "This field is required.");
        }
        if (attrs.has("flags")) {
            checkFlags(attrs.get("flags"));
        }
        store.settings.setAll(attrs);
        return Reply.ok(rendered());
    }

    /**
     * The flags field checks the type of each flag it is sent and stores what was sent; a flag not stored answers its
     * default (authentik/tenants/api/settings.py, authentik/tenants/flags.py).
     */
    private static void checkFlags(JsonNode flags) {
        if (!flags.isObject()) {
            throw ApiError.field("flags", "Expected a dictionary of items but got type \""
                    + flags.getNodeType().name().toLowerCase(Locale.ROOT) + "\".");
        }
        for (String flag : FLAGS) {
            if (flags.has(flag) && !flags.get(flag).isBoolean()) {
                throw ApiError.field("flags", "Value for flag " + flag + " needs to be of type bool.");
            }
        }
    }

    private ObjectNode rendered() {
        ObjectNode out = store.settings.deepCopy();
        ObjectNode flags = JSON.createObjectNode();
        FLAGS.forEach(f -> flags.put(f, store.settings.path("flags").path(f).asBoolean(false)));
        out.set("flags", flags);
        return out;
    }
}
