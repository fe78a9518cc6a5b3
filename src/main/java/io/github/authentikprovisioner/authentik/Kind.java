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
    // found by identifier, the detail id. TokenSerializer.validate() fills a missing user with the caller, handing
    // the token over, and a missing intent with api (authentik/core/api/tokens.py): every PATCH carries both, and
    // expiring, so that nothing but the managed fields changes
    TOKEN("token", Area.CORE, "tokens", "identifier", "pk", Map.of(), false, List.of("user", "intent", "expiring"),
            true),
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
     * The filters that list every object of this kind in one call, for the session's snapshot; empty for kinds looked
     * up one by one: invitations, which expire between two reads, and tokens, of which this service reads one among
     * every user's app passwords and outpost tokens. Applications are listed with
     * {@code superuser_full_list}, else authentik lists only those the token's user may open
     * (authentik/core/api/applications.py); groups without their members' details and users without their groups'
     * (authentik/core/api/groups.py, users.py: {@code include_users}, {@code include_groups}), which nothing here reads
     * and which make those lists grow with the square of a large instance.
     */
    public Optional<Map<String, String>> snapshot() {
        return switch (this) {
            case INVITATION, SETTINGS, TOKEN -> Optional.empty();
            case APPLICATION -> Optional.of(Map.of("superuser_full_list", "true"));
            case GROUP -> Optional.of(Map.of("include_users", "false"));
            case USER -> Optional.of(Map.of("include_groups", "false"));
            default -> Optional.of(Map.of());
        };
    }

    /**
     * Kinds whose answers render something of this kind, so a write to this kind makes their snapshot stale:
     * {@code /providers/oauth2/} lists proxy providers too, and every stage is in the list of all stages. (An
     * application's provider is kept current in the session itself; see {@code AuthentikSession}. A provider's name
     * rendered in its application's {@code provider_obj} is not: this service never renames a provider.)
     */
    Set<Kind> renderedBy() {
        return switch (this) {
            case PROXY_PROVIDER -> Set.of(OAUTH2_PROVIDER);
            case IDENTIFICATION_STAGE, PASSWORD_STAGE, EMAIL_STAGE, USER_WRITE_STAGE, USER_LOGIN_STAGE, PROMPT_STAGE,
                    INVITATION_STAGE, AUTHENTICATOR_VALIDATE_STAGE, TOTP_STAGE -> Set.of(STAGE);
            default -> Set.of();
        };
    }

    /**
     * Kinds whose objects authentik changes or deletes in its database when an object of this kind is deleted
     * (foreign keys with {@code CASCADE} or {@code SET_NULL}, many-to-many rows); empty when it may be any kind.
     * A binding's deletion takes the policy bindings on it; an application's its policy bindings and its provider's
     * assignment; a provider's its application's link and its place on outposts; a group's its bindings and
     * memberships; a stage's its flow bindings and the stages pointing at it; a policy's its bindings and the stages
     * validating with it; a scope mapping's its place on providers; a prompt's its place on prompt stages.
     */
    Optional<Set<Kind>> cascadesTo() {
        Set<Kind> stages = Set.of(STAGE, IDENTIFICATION_STAGE, PASSWORD_STAGE, EMAIL_STAGE, USER_WRITE_STAGE,
                USER_LOGIN_STAGE, PROMPT_STAGE, INVITATION_STAGE, AUTHENTICATOR_VALIDATE_STAGE, TOTP_STAGE);
        return switch (this) {
            case POLICY_BINDING, INVITATION, TOKEN -> Optional.of(Set.of());
            case FLOW_STAGE_BINDING -> Optional.of(Set.of(POLICY_BINDING));
            case APPLICATION -> Optional.of(Set.of(POLICY_BINDING, PROXY_PROVIDER, OAUTH2_PROVIDER));
            case PROXY_PROVIDER, OAUTH2_PROVIDER -> Optional.of(Set.of(APPLICATION, OUTPOST, OAUTH2_PROVIDER));
            case GROUP -> Optional.of(Set.of(POLICY_BINDING, USER));
            case SCOPE_MAPPING -> Optional.of(Set.of(OAUTH2_PROVIDER));
            case PROMPT -> Optional.of(Set.of(PROMPT_STAGE, STAGE));
            case PASSWORD_POLICY, EXPRESSION_POLICY -> Optional.of(union(stages, Set.of(POLICY_BINDING)));
            case IDENTIFICATION_STAGE, PASSWORD_STAGE, EMAIL_STAGE, USER_WRITE_STAGE, USER_LOGIN_STAGE, PROMPT_STAGE,
                    INVITATION_STAGE, AUTHENTICATOR_VALIDATE_STAGE, TOTP_STAGE ->
                    Optional.of(union(stages, Set.of(FLOW_STAGE_BINDING, POLICY_BINDING, BRAND)));
            default -> Optional.empty();
        };
    }

    private static Set<Kind> union(Set<Kind> a, Set<Kind> b) {
        java.util.EnumSet<Kind> out = java.util.EnumSet.noneOf(Kind.class);
        out.addAll(a);
        out.addAll(b);
        return out;
    }

    /**
     * Key fields that authentik filters by one id and answers with another, so only its filter can match them: a
     * policy binding's {@code target} is filtered by the PolicyBindingModel pk but answered as the pk of the subclass
     * (a flow-stage binding's own pk; authentik/policies/api/bindings.py, 2026.2: {@code to_representation}).
     */
    public Set<String> filterMatchedKeys() {
        return this == POLICY_BINDING ? Set.of("target") : Set.of();
    }

    /** A single object per authentik instance (system settings): no pk, no natural key, never created. */
    public boolean singleton() {
        return this == SETTINGS;
    }
}
