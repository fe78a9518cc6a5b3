package io.github.authentikprovisioner.authentik;

import static io.github.authentikprovisioner.authentik.KindRow.row;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every kind of authentik object this service reads or writes, one row each ({@link KindRow}): where it lives, how it
 * is found by natural key, and the rules of authentik's validation, listing and cascades that the engine and the
 * session follow. Adding a kind means adding a row here (README, "Add an authentik kind").
 *
 * <p>Lookups use only filters that the 2026.2 schema lists for the endpoint, because authentik silently ignores
 * unknown filters and would return the whole list (API-NOTES §0.5); results are re-checked on our side anyway.
 */
public enum Kind {
    PROXY_PROVIDER(row("proxy-provider").at("providers", "proxy").findBy("name", "name__iexact").ignoringCase()
            // authentik's validation reads mode on every PATCH, and validates these groups together (API-NOTES §1)
            .alwaysSend("mode")
            .sendTogether("basic_auth_enabled", "basic_auth_user_attribute", "basic_auth_password_attribute")
            .sendTogether("mode", "internal_host")
            // /providers/oauth2/ lists proxy providers too
            .renderedBy("oauth2-provider")
            .cascadesTo("application", "outpost", "oauth2-provider")),
    OAUTH2_PROVIDER(row("oauth2-provider").at("providers", "oauth2").findBy("name", "name")
            .cascadesTo("application", "outpost", "oauth2-provider")),
    // listed with superuser_full_list, else authentik lists only those the token's user may open
    // (authentik/core/api/applications.py)
    APPLICATION(row("application").at("core", "applications").ids("slug", "pk")
            .snapshotWith(Map.of("superuser_full_list", "true"))
            .cascadesTo("policy-binding", "proxy-provider", "oauth2-provider")),
    // groups without their members' details, users without their groups' (authentik/core/api/groups.py, users.py:
    // include_users, include_groups), which nothing here reads and which grow with the square of a large instance
    GROUP(row("group").at("core", "groups").findBy("name", "name")
            .snapshotWith(Map.of("include_users", "false"))
            .cascadesTo("policy-binding", "user")),
    USER(row("user").at("core", "users").findBy("username", "username")
            .snapshotWith(Map.of("include_groups", "false"))),
    // found by identifier, the detail id. TokenSerializer.validate() fills a missing user with the caller, handing
    // the token over, and a missing intent with api (authentik/core/api/tokens.py): every PATCH carries both, and
    // expiring, so that nothing but the managed fields changes. Not in a snapshot: this service reads one token among
    // every user's app passwords and outpost tokens
    TOKEN(row("token").at("core", "tokens").ids("identifier", "pk").alwaysSend("user", "intent", "expiring")
            .noSnapshot().cascadesTo()),
    BRAND(row("brand").at("core", "brands").ids("brand_uuid", "brand_uuid").findBy("domain", "domain")),
    FLOW(row("flow").at("flows", "instances").ids("slug", "pk")),
    // referred to only as the target of policy bindings, which is its policy-binding-model id (API-NOTES §2.2); the
    // bindings of one flow are listed at once
    FLOW_STAGE_BINDING(row("flow-stage-binding").at("flows", "bindings").ids("pk", "policybindingmodel_ptr_id")
            .findBy("target", "target").findBy("stage", "stage").listedPer("target")
            .cascadesTo("policy-binding")),
    STAGE(row("stage").at("stages", "all").findBy("name", "name").notCreated()),
    IDENTIFICATION_STAGE(stage("identification-stage", "stages", "identification").alwaysSend("user_fields")),
    PASSWORD_STAGE(stage("password-stage", "stages", "password").alwaysSend("backends")),
    EMAIL_STAGE(stage("email-stage", "stages", "email")),
    USER_WRITE_STAGE(stage("user-write-stage", "stages", "user_write")),
    USER_LOGIN_STAGE(stage("user-login-stage", "stages", "user_login")),
    PROMPT_STAGE(stage("prompt-stage", "stages/prompt", "stages").alwaysSend("fields")),
    PROMPT(row("prompt").at("stages/prompt", "prompts").findBy("name", "name")
            .cascadesTo("prompt-stage", "stage")),
    INVITATION_STAGE(stage("invitation-stage", "stages/invitation", "stages")),
    // not in a snapshot: invitations expire between two reads
    INVITATION(row("invitation").at("stages/invitation", "invitations").findBy("name", "name").noSnapshot()
            .cascadesTo()),
    // API-NOTES §6.6: authenticator validation checks these three together
    AUTHENTICATOR_VALIDATE_STAGE(stage("authenticator-validate-stage", "stages/authenticator", "validate")
            .sendTogether("not_configured_action", "configuration_stages", "device_classes")),
    TOTP_STAGE(stage("totp-stage", "stages/authenticator", "totp").alwaysSend("digits")),
    PASSWORD_POLICY(policy("password-policy", "password")),
    EXPRESSION_POLICY(policy("expression-policy", "expression")),
    // a PATCH without target is a 500 upstream and one without the bound policy/group/user a 400: send them always
    // (authentik/policies/api/bindings.py, 2026.2: validate() reads them from the request only); the bindings of one
    // target are listed at once
    POLICY_BINDING(row("policy-binding").at("policies", "bindings").findBy("target", "target")
            .alwaysSend("target", "policy", "group", "user").listedPer("target")
            .bindingTargets(new BindingTargets("target", List.of("flow-stage-binding", "flow", "application")))
            .cascadesTo()),
    SCOPE_MAPPING(row("scope-mapping").at("propertymappings", "provider/scope").findBy("name", "name")
            .findBy("managed", "managed").cascadesTo("oauth2-provider")),
    // made by authentik itself
    OUTPOST(row("outpost").at("outposts", "instances").findBy("managed", "managed__iexact").ignoringCase()
            .notCreated()),
    /** Certificate-key pairs; only read, to sign OIDC tokens with the instance's self-signed certificate. */
    CERTIFICATE(row("certificate").at("crypto", "certificatekeypairs").findBy("name", "name").notCreated()),
    SETTINGS(row("settings").at("admin", "settings").singleton());

    private final KindRow row;

    Kind(KindRow row) {
        this.row = row;
    }

    /** The kind called {@code label} in answers. */
    public static Kind of(String label) {
        for (Kind kind : values()) {
            if (kind.label().equals(label)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("no kind is called '" + label + "'");
    }

    private static Set<Kind> all(List<String> labels) {
        EnumSet<Kind> out = EnumSet.noneOf(Kind.class);
        labels.forEach(label -> out.add(of(label)));
        return out;
    }

    /** A stage: a stage's deletion takes its flow bindings, the policy bindings on them, the stages pointing at it
     * and the brand's default flows' stages; every stage is also in the list of all stages. */
    private static KindRow stage(String label, String area, String type) {
        return row(label).at(area, type).findBy("name", "name").renderedBy("stage")
                .cascadesTo(stages()).cascadesTo("flow-stage-binding", "policy-binding", "brand");
    }

    /**
     * Every stage kind: a stage's or a policy's deletion may change any of them (stages point at each other). A
     * method, not a constant: the rows are built before the enum's static fields.
     */
    private static String[] stages() {
        return new String[] { "stage", "identification-stage", "password-stage", "email-stage", "user-write-stage",
            "user-login-stage", "prompt-stage", "invitation-stage", "authenticator-validate-stage", "totp-stage" };
    }

    /** A policy: its deletion takes its bindings and its place on stages validating with it. */
    private static KindRow policy(String label, String type) {
        return row(label).at("policies", type).findBy("name", "name").cascadesTo(stages()).cascadesTo("policy-binding");
    }

    /** Name of the kind in this service's answers. */
    public String label() {
        return row.label;
    }

    /** The collection's path below the API root, {@code <area>/<type>}. */
    String area() {
        return row.area;
    }

    String type() {
        return row.type;
    }

    /** Field whose value addresses the object in detail paths ({@code /{type}/{id}/}). */
    public String idField() {
        return row.idField;
    }

    /** Field other objects use to refer to this one. */
    public String pkField() {
        return row.pkField;
    }

    /** Natural-key field to query filter; empty when the natural key is the detail id (a slug). */
    public Map<String, String> keyFilters() {
        return Map.copyOf(row.keyFilters);
    }

    public boolean caseInsensitiveKey() {
        return row.caseInsensitiveKey;
    }

    /** Fields every PATCH carries: authentik's validation reads them on every write. */
    public List<String> alwaysSend() {
        return List.copyOf(row.alwaysSend);
    }

    /** Whether this service may create such objects. */
    public boolean creatable() {
        return row.creatable;
    }

    /** Groups of fields that authentik validates together: when one changes, the PATCH carries all. */
    public List<List<String>> sendTogether() {
        return List.copyOf(row.sendTogether);
    }

    /** The key field whose filter lists all siblings at once; null when objects are found one by one. */
    public String batchField() {
        return row.batchField;
    }

    /** The filters that list every object of this kind in one call for a session's snapshot; empty: none. */
    public Optional<Map<String, String>> snapshot() {
        return row.snapshot;
    }

    /** Kinds whose lists render objects of this kind: a write to this kind makes their snapshots stale. */
    Set<Kind> renderedBy() {
        return all(row.renderedBy);
    }

    /** Kinds a deletion of this kind changes in authentik's database; empty when it may be any kind. */
    Optional<Set<Kind>> cascadesTo() {
        return Optional.ofNullable(row.cascadesTo).map(Kind::all);
    }

    /** The key field filtered by one id and answered as another, with how to find the alias; empty: none. */
    Optional<BindingTargets> bindingTargets() {
        return Optional.ofNullable(row.bindingTargets);
    }

    /** Key fields only authentik's filter can match ({@link BindingTargets}). */
    public Set<String> filterMatchedKeys() {
        return bindingTargets().map(b -> Set.of(b.field())).orElse(Set.of());
    }

    /** A single object per authentik instance (system settings): no pk, no natural key, never created. */
    public boolean singleton() {
        return row.singleton;
    }

    /**
     * Whether {@code object} has these natural-key values, compared as the kind's lookup filter compares them; keys
     * authentik answers in another form than it filters by ({@link #filterMatchedKeys()}) are left to the filter.
     */
    public boolean matches(com.fasterxml.jackson.databind.node.ObjectNode object, Map<String, String> key) {
        for (Map.Entry<String, String> e : key.entrySet()) {
            if (filterMatchedKeys().contains(e.getKey())) {
                continue;
            }
            com.fasterxml.jackson.databind.JsonNode actual = object.get(e.getKey());
            String actualText = actual == null || actual.isNull() ? null : actual.asText();
            if (actualText == null) {
                return false;
            }
            boolean equal = caseInsensitiveKey()
                    ? actualText.toLowerCase(java.util.Locale.ROOT).equals(e.getValue().toLowerCase(java.util.Locale.ROOT))
                    : actualText.equals(e.getValue());
            if (!equal) {
                return false;
            }
        }
        return true;
    }
}
