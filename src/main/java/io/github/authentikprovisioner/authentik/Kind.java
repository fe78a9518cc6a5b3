package io.github.authentikprovisioner.authentik;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every kind of authentik object this service reads or writes, with how to find it by its natural key.
 *
 * <p>Lookups use only filters that the 2026.2 schema lists for the endpoint, because authentik silently ignores
 * unknown filters and would return the whole list (API-NOTES §0.5); results are re-checked on our side anyway.
 *
 * @param label name of the kind in this service's answers
 * @param area REST client interface serving it
 * @param type path segment(s) below the area
 * @param idField field whose value addresses the object in detail paths ({@code /{type}/{id}/})
 * @param pkField field other objects use to refer to this one
 * @param keyFilters natural-key field to the query filter that finds it; empty when the key is the detail id
 * @param caseInsensitiveKey whether the filter matches the key case-insensitively ({@code __iexact})
 * @param alwaysSend fields authentik's validation reads on every PATCH, so every PATCH carries them
 *        (API-NOTES §1 proxy {@code mode}, §6.1 identification {@code user_fields})
 * @param creatable whether this service may create such objects (the embedded outpost is made by authentik)
 *
 * <p>{@link #sendTogether()} lists fields authentik validates as a group: when one of them changes, the PATCH carries
 * all of them (API-NOTES §1 basic auth, §6.6 authenticator validation). {@link #SETTINGS} is a singleton without
 * pk or natural key.
 */
public enum Kind {
    PROXY_PROVIDER("proxy-provider", Area.PROVIDERS, "proxy", "pk", "pk", Map.of("name", "name__iexact"), true,
            List.of("mode"), true),
    OAUTH2_PROVIDER("oauth2-provider", Area.PROVIDERS, "oauth2", "pk", "pk", Map.of("name", "name"), false,
            List.of(), true),
    APPLICATION("application", Area.CORE, "applications", "slug", "pk", Map.of(), false, List.of(), true),
    GROUP("group", Area.CORE, "groups", "pk", "pk", Map.of("name", "name"), false, List.of(), true),
    USER("user", Area.CORE, "users", "pk", "pk", Map.of("username", "username"), false, List.of(), true),
    BRAND("brand", Area.CORE, "brands", "brand_uuid", "brand_uuid", Map.of("domain", "domain"), false, List.of(),
            true),
    FLOW("flow", Area.FLOWS, "instances", "slug", "pk", Map.of(), false, List.of(), true),
    // referred to only as the target of policy bindings, which is its policy-binding-model id (API-NOTES §2.2)
    FLOW_STAGE_BINDING("flow-stage-binding", Area.FLOWS, "bindings", "pk", "policybindingmodel_ptr_id",
            Map.of("target", "target", "stage", "stage"), false, List.of(), true),
    STAGE("stage", Area.STAGES, "all", "pk", "pk", Map.of("name", "name"), false, List.of(), false),
    IDENTIFICATION_STAGE("identification-stage", Area.STAGES, "identification", "pk", "pk", Map.of("name", "name"),
            false, List.of("user_fields"), true),
    PASSWORD_STAGE("password-stage", Area.STAGES, "password", "pk", "pk", Map.of("name", "name"), false,
            List.of("backends"), true),
    EMAIL_STAGE("email-stage", Area.STAGES, "email", "pk", "pk", Map.of("name", "name"), false, List.of(), true),
    USER_WRITE_STAGE("user-write-stage", Area.STAGES, "user_write", "pk", "pk", Map.of("name", "name"), false,
            List.of(), true),
    USER_LOGIN_STAGE("user-login-stage", Area.STAGES, "user_login", "pk", "pk", Map.of("name", "name"), false,
            List.of(), true),
    PROMPT_STAGE("prompt-stage", Area.PROMPT, "stages", "pk", "pk", Map.of("name", "name"), false,
            List.of("fields"), true),
    PROMPT("prompt", Area.PROMPT, "prompts", "pk", "pk", Map.of("name", "name"), false, List.of(), true),
    INVITATION_STAGE("invitation-stage", Area.INVITATION, "stages", "pk", "pk", Map.of("name", "name"), false,
            List.of(), true),
    INVITATION("invitation", Area.INVITATION, "invitations", "pk", "pk", Map.of("name", "name"), false, List.of(),
            true),
    AUTHENTICATOR_VALIDATE_STAGE("authenticator-validate-stage", Area.AUTHENTICATOR, "validate", "pk", "pk",
            Map.of("name", "name"), false, List.of(), true),
    TOTP_STAGE("totp-stage", Area.AUTHENTICATOR, "totp", "pk", "pk", Map.of("name", "name"), false,
            List.of("digits"), true),
    PASSWORD_POLICY("password-policy", Area.POLICIES, "password", "pk", "pk", Map.of("name", "name"), false,
            List.of(), true),
    EXPRESSION_POLICY("expression-policy", Area.POLICIES, "expression", "pk", "pk", Map.of("name", "name"), false,
            List.of(), true),
    // a PATCH without target is a 500 upstream and one without the bound policy/group/user a 400: send them always
    // (authentik/policies/api/bindings.py, 2026.2: validate() reads them from the request only)
    POLICY_BINDING("policy-binding", Area.POLICIES, "bindings", "pk", "pk", Map.of("target", "target"), false,
            List.of("target", "policy", "group", "user"), true),
    SCOPE_MAPPING("scope-mapping", Area.PROPERTY_MAPPINGS, "scope", "pk", "pk",
            Map.of("name", "name", "managed", "managed"), false,
            List.of(), true),
    OUTPOST("outpost", Area.OUTPOSTS, "instances", "pk", "pk", Map.of("managed", "managed__iexact"), true,
            List.of(), false),
    /** Certificate-key pairs; only read, to sign OIDC tokens with the instance's self-signed certificate. */
    CERTIFICATE("certificate", Area.CRYPTO, "certificatekeypairs", "pk", "pk", Map.of("name", "name"), false,
            List.of(), false),
    SETTINGS("settings", Area.ADMIN, "settings", "", "", Map.of(), false, List.of(), false);

    private final String label;
    private final Area area;
    private final String type;
    private final String idField;
    private final String pkField;
    private final Map<String, String> keyFilters;
    private final boolean caseInsensitiveKey;
    private final List<String> alwaysSend;
    private final boolean creatable;

    Kind(String label, Area area, String type, String idField, String pkField, Map<String, String> keyFilters,
            boolean caseInsensitiveKey, List<String> alwaysSend, boolean creatable) {
        this.label = label;
        this.area = area;
        this.type = type;
        this.idField = idField;
        this.pkField = pkField;
        this.keyFilters = keyFilters;
        this.caseInsensitiveKey = caseInsensitiveKey;
        this.alwaysSend = alwaysSend;
        this.creatable = creatable;
    }

    public String label() {
        return label;
    }

    Area area() {
        return area;
    }

    String type() {
        return type;
    }

    public String idField() {
        return idField;
    }

    public String pkField() {
        return pkField;
    }

    /** Natural-key field to query filter; empty when the natural key is the detail id (slug). */
    public Map<String, String> keyFilters() {
        return keyFilters;
    }

    public boolean caseInsensitiveKey() {
        return caseInsensitiveKey;
    }

    public List<String> alwaysSend() {
        return alwaysSend;
    }

    public boolean creatable() {
        return creatable;
    }

    /** Groups of fields that authentik validates together; see the class comment. */
    public List<List<String>> sendTogether() {
        return switch (this) {
            case PROXY_PROVIDER -> List.of(
                    List.of("basic_auth_enabled", "basic_auth_user_attribute", "basic_auth_password_attribute"),
                    List.of("mode", "internal_host"));
            case AUTHENTICATOR_VALIDATE_STAGE -> List.of(
                    List.of("not_configured_action", "configuration_stages", "device_classes"));
            default -> List.of();
        };
    }

    /**
     * The key field whose filter lists all siblings at once ({@code target} of bindings): the engine reads the
     * bindings of one flow or application with one call instead of one call per binding.
     */
    public String batchField() {
        return this == FLOW_STAGE_BINDING || this == POLICY_BINDING ? "target" : null;
    }

    /**
     * Filters that list, in one call, every object of this kind a recipe may merely refer to: all flows, the managed
     * scope mappings. The first cached lookup of such a kind reads them all; empty when lookups go one by one.
     */
    public Optional<Map<String, String>> referenceSet() {
        return switch (this) {
            case FLOW -> Optional.of(Map.of());
            case SCOPE_MAPPING -> Optional.of(Map.of("managed__isnull", "false"));
            default -> Optional.empty();
        };
    }

    /**
     * Key fields that authentik filters by one id and answers with another, so only its filter can match them: a
     * policy binding's {@code target} is filtered by the PolicyBindingModel pk but answered as the pk of the subclass
     * (a flow-stage binding's own pk; authentik/policies/api/bindings.py, 2026.2: {@code to_representation}).
     */
    public Set<String> filterMatchedKeys() {
        return this == POLICY_BINDING ? Set.of("target") : Set.of();
    }

    /**
     * Whether the {@link #referenceSet()} holds every object that could have {@code key}, so a lookup it misses is
     * answered "absent" without asking authentik: all flows; every managed scope mapping, which must never be asked
     * for by {@code ?managed=} since a value no mapping has is a 400 upstream (an AllValuesMultipleFilter:
     * authentik/providers/oauth2/api/scopes.py).
     */
    public boolean referenceSetCovers(Map<String, String> key) {
        return switch (this) {
            case FLOW -> true;
            case SCOPE_MAPPING -> key.containsKey("managed");
            default -> false;
        };
    }

    /** A single object per authentik instance (system settings): no pk, no natural key, never created. */
    public boolean singleton() {
        return this == SETTINGS;
    }
}
