package io.github.authentikprovisioner.emulator;

import static io.github.authentikprovisioner.emulator.Collection.PkType.INT;
import static io.github.authentikprovisioner.emulator.Collection.PkType.UUID;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The object collections the emulator serves, one row each, with the model defaults, uniqueness rules and references
 * of authentik 2026.2 (taken from API-NOTES and the models' defaults) and the rules by which each departs from plain
 * CRUD, named by the row and kept in one rules class per collection or family ({@link Collection}, {@link Hooks}).
 * Pools name sets of objects that references point into.
 *
 * <p>Adding a collection: a row here, in the method of its authentik app (path, schema component, model, pk type;
 * defaults, unique fields, references); its rules and computed answer fields, if any, as static methods of a
 * {@code *Rules} class with the upstream file each copies, named by the row's steps. The rows' order is the order
 * in which {@code stages/all}, the pools and {@code state()} list objects of several collections.
 */
final class Catalog {

    static final String FLOW = "flow";
    static final String STAGE = "stage";
    static final String POLICY = "policy";
    static final String PROVIDER = "provider";
    static final String MAPPING = "propertymapping";
    static final String GROUP = "group";
    static final String USER = "user";
    static final String PROMPT = "prompt";
    static final String CERTIFICATE = "certificate";
    /** Anything a policy binding may target: flows, flow-stage bindings, applications. */
    static final String BINDING_TARGET = "pbm";

    private final Map<String, Collection> byPath = new LinkedHashMap<>();

    Catalog() {
        providers();
        core();
        flows();
        stageTypes();
        stageObjects();
        policies();
        mappings();
        outposts();
        crypto();
    }

    /** The provider family (authentik/providers/). */
    private void providers() {
        String providerDefaults = "{'authentication_flow': null, 'property_mappings': [], 'jwt_federation_sources': [],"
                + " 'jwt_federation_providers': []}";
        add(provider(new Collection("providers/proxy", "ProxyProvider", "authentik_providers_proxy.proxyprovider",
                INT))
                .display("ak-provider-proxy-form", "Proxy Provider", "Proxy Providers")
                .defaults(providerDefaults)
                .defaults("{'mode': 'proxy', 'internal_host': '', 'internal_host_ssl_validation': true, 'certificate': null,"
                        + " 'skip_path_regex': '', 'basic_auth_enabled': false, 'basic_auth_password_attribute': '',"
                        + " 'basic_auth_user_attribute': '', 'intercept_header_auth': true, 'cookie_domain': '',"
                        + " 'access_token_validity': 'hours=1', 'refresh_token_validity': 'days=30'}")
                .fk("authorization_flow", FLOW).fk("invalidation_flow", FLOW).fk("authentication_flow", FLOW)
                .fk("property_mappings", MAPPING).fk("certificate", CERTIFICATE)
                .validate(ProviderRules::validateProxy).computeOnCreate(ProviderRules::proxyCredentials)
                .afterSave(ProviderRules::proxyDefaultMappings).afterSave(OutpostRules::relatedSaved)
                .answerFields(ProviderRules::outpostsAndRedirects));
        add(provider(new Collection("providers/oauth2", "OAuth2Provider", "authentik_providers_oauth2.oauth2provider",
                INT)).unique("client_id")
                .display("ak-provider-oauth2-form", "OAuth2/OpenID Provider", "OAuth2/OpenID Providers")
                .defaults(providerDefaults)
                .defaults("{'client_type': 'confidential', 'access_code_validity': 'minutes=1',"
                        + " 'access_token_validity': 'hours=1', 'refresh_token_validity': 'days=30',"
                        + " 'refresh_token_threshold': 'seconds=0', 'include_claims_in_id_token': true,"
                        + " 'signing_key': null, 'encryption_key': null, 'redirect_uris': [], 'logout_uri': '',"
                        + " 'logout_method': 'backchannel', 'sub_mode': 'hashed_user_id', 'issuer_mode': 'per_provider'}")
                .fk("authorization_flow", FLOW).fk("invalidation_flow", FLOW).fk("authentication_flow", FLOW)
                .fk("property_mappings", MAPPING).fk("signing_key", CERTIFICATE).fk("encryption_key", CERTIFICATE)
                .validate(ProviderRules::validateOAuth2).computeOnCreate(ProviderRules::oauth2Credentials)
                // ProxyProvider subclasses OAuth2Provider and the viewset's queryset is OAuth2Provider.objects.all(),
                // which yields the parent rows of proxy providers as plain OAuth2Provider instances
                // (authentik/providers/oauth2/api/providers.py; providers/proxy/models.py)
                .servesRowsOf("providers/proxy"));
    }

    /** The core models: applications, groups, users, tokens (authentik/core/), and brands (authentik/brands/). */
    private void core() {
        add(new Collection("core/applications", "Application", "authentik_core.application", UUID)
                .ids("pk", "slug").unique("slug", "provider").bindingTargetByPk()
                .defaults("{'provider': null, 'backchannel_providers': [], 'open_in_new_tab': false,"
                        + " 'meta_launch_url': '', 'meta_description': '', 'meta_publisher': '',"
                        + " 'policy_engine_mode': 'any', 'group': ''}")
                .fk("provider", PROVIDER).fk("backchannel_providers", PROVIDER)
                .uniqueAs("Application").validate(ApplicationRules::slugNotReserved)
                // get_object_or_404's Http404, as DRF 3.16 answers it (see outposts below)
                .notFound("No Application matches the given query.")
                .listedFor(ApplicationRules::shownTo).answerFields(ApplicationRules::answerFields)
                .action("GET", "check_access", ApplicationRules::checkAccess));
        add(new Collection("core/groups", "Group", "authentik_core.group", UUID)
                .unique("name")
                .defaults("{'is_superuser': false, 'parents': [], 'users': [], 'attributes': {}, 'roles': []}")
                .fk("users", USER).fk("parents", GROUP)
                .uniqueAs("Group").validate(GroupRules::distinctUsers).computeOnCreate(GroupRules::numericPk)
                .onDelete(GroupRules::deleted).answerFields(GroupRules::answerFields)
                .action("POST", "add_user", GroupRules::addUser).action("POST", "remove_user", GroupRules::removeUser)
                // the include_* parameters (authentik/core/api/groups.py _should_include_*): members and
                // inherited roles unless false, parents and children only when true
                .include("users_obj", "include_users", true).include("parents_obj", "include_parents", false)
                .include("children_obj", "include_children", false)
                .include("inherited_roles_obj", "include_inherited_roles", false));
        add(new Collection("core/users", "User", "authentik_core.user", INT)
                .unique("username")
                .defaults("{'is_active': true, 'email': '', 'attributes': {}, 'path': 'users', 'type': 'internal',"
                        + " 'roles': []}")
                .fk("groups", GROUP)
                .uniqueAs("User").computeOnCreate(UserRules::uuidAndDates).afterSave(UserRules::groupsRewritten)
                .onDelete(UserRules::deleted).filterAs(UserRules::superuserByDirectGroups)
                .answerFields(UserRules::answerFields)
                .collectionAction(Collection.ANY_METHOD, "me", UserRules::me)
                .action("POST", "set_password", UserRules::setPassword)
                // the include_* parameters (authentik/core/api/users.py): groups and roles unless false
                .include("groups_obj", "include_groups", true).include("roles_obj", "include_roles", true));
        // identifier is a unique SlugField, key a TextField generated on create, intent defaults to verification in
        // the model, the user a FK with CASCADE (authentik/core/models.py Token, ExpiringModel, ManagedModel)
        add(new Collection("core/tokens", "Token", "authentik_core.token", UUID)
                .ids("pk", "identifier").unique("identifier")
                .defaults("{'managed': null, 'intent': 'verification', 'description': '', 'expires': null,"
                        + " 'expiring': true}")
                .fk("user", USER).fromBlueprint(TokenRules::blueprintKey)
                .uniqueAs("Token").normalize(TokenRules::keyNotWritable).validate(TokenRules::validate)
                .computeOnCreate(TokenRules::keyAndOwner).answerFields(TokenRules::userObj)
                .action("POST", "set_key", TokenRules::setKey).action("GET", "view_key", TokenRules::viewKey));
        add(new Collection("core/brands", "Brand", "authentik_brands.brand", UUID)
                .ids("brand_uuid", "brand_uuid").unique("domain")
                .defaults("{'default': false, 'branding_title': 'authentik',"
                        + " 'branding_logo': '/static/dist/assets/icons/icon_left_brand.svg',"
                        + " 'branding_favicon': '/static/dist/assets/icons/icon.png', 'branding_custom_css': '',"
                        + " 'branding_default_flow_background': '/static/dist/assets/images/flow_background.jpg',"
                        + " 'flow_authentication': null, 'flow_invalidation': null, 'flow_recovery': null,"
                        + " 'flow_unenrollment': null, 'flow_user_settings': null, 'flow_device_code': null,"
                        + " 'default_application': null, 'web_certificate': null, 'client_certificates': [],"
                        + " 'attributes': {}}")
                .fk("flow_authentication", FLOW).fk("flow_invalidation", FLOW).fk("flow_recovery", FLOW)
                .fk("flow_unenrollment", FLOW).fk("flow_user_settings", FLOW).fk("flow_device_code", FLOW)
                // the serializer declares a UniqueValidator for domain
                .uniqueValidator().validate(BrandRules::singleDefault));
    }

    /** Flows and their stage bindings (authentik/flows/). */
    private void flows() {
        add(new Collection("flows/instances", "Flow", "authentik_flows.flow", UUID)
                .ids("pk", "slug").unique("slug").bindingTarget()
                .defaults("{'background': '', 'policy_engine_mode': 'any', 'compatibility_mode': false,"
                        + " 'layout': 'stacked', 'denied_action': 'message_continue', 'authentication': 'none'}")
                .uniqueAs("Flow").onDelete(FlowRules::flowDeleted).answerFields(FlowRules::flowAnswer));
        add(new Collection("flows/bindings", "FlowStageBinding", "authentik_flows.flowstagebinding", UUID)
                .bindingTarget()
                .defaults("{'evaluate_on_plan': false, 're_evaluate_policies': true, 'policy_engine_mode': 'any',"
                        + " 'invalid_response_action': 'retry'}")
                .fk("target", FLOW).fk("stage", STAGE)
                .validate(FlowRules::validateBinding).checkFilters(FlowRules::checkTarget)
                .answerFields(FlowRules::bindingStage));
    }

    /** The stage types served (authentik/stages/). */
    private void stageTypes() {
        stage("identification", "IdentificationStage", "authentik_stages_identification.identificationstage",
                "ak-stage-identification-form", "Identification Stage",
                "{'user_fields': [], 'password_stage': null, 'captcha_stage': null, 'case_insensitive_matching': true,"
                        + " 'show_matched_user': true, 'enrollment_flow': null, 'recovery_flow': null,"
                        + " 'passwordless_flow': null, 'sources': [], 'show_source_labels': false,"
                        + " 'pretend_user_exists': true, 'enable_remember_me': false, 'webauthn_stage': null}")
                .fk("password_stage", STAGE).fk("captcha_stage", STAGE).fk("webauthn_stage", STAGE)
                .fk("enrollment_flow", FLOW).fk("recovery_flow", FLOW).fk("passwordless_flow", FLOW)
                .validate(StageRules::userFieldsOrSources);
        stage("password", "PasswordStage", "authentik_stages_password.passwordstage", "ak-stage-password-form",
                "Password Stage",
                "{'configure_flow': null, 'failed_attempts_before_cancel': 5, 'allow_show_password': false}")
                .fk("configure_flow", FLOW);
        stage("email", "EmailStage", "authentik_stages_email.emailstage", "ak-stage-email-form", "Email Stage",
                "{'use_global_settings': false, 'host': 'localhost', 'port': 25, 'username': '', 'use_tls': false,"
                        + " 'use_ssl': false, 'timeout': 10, 'from_address': 'system@authentik.local',"
                        + " 'token_expiry': 'minutes=30', 'subject': 'authentik', 'template': 'email/password_reset.html',"
                        + " 'activate_user_on_success': false, 'recovery_max_attempts': 5,"
                        + " 'recovery_cache_timeout': 'minutes=5'}");
        stage("user_write", "UserWriteStage", "authentik_stages_user_write.userwritestage", "ak-stage-user-write-form",
                "User Write Stage",
                "{'user_creation_mode': 'create_when_required', 'create_users_as_inactive': false,"
                        + " 'create_users_group': null, 'user_type': 'external', 'user_path_template': ''}")
                .fk("create_users_group", GROUP);
        stage("user_login", "UserLoginStage", "authentik_stages_user_login.userloginstage", "ak-stage-user-login-form",
                "User Login Stage",
                "{'session_duration': 'seconds=0', 'terminate_other_sessions': false, 'remember_me_offset': 'seconds=0',"
                        + " 'network_binding': 'no_binding', 'geoip_binding': 'no_binding', 'remember_device': 'days=30'}");
        stage("user_logout", "UserLogoutStage", "authentik_stages_user_logout.userlogoutstage",
                "ak-stage-user-logout-form", "User Logout Stage", "{}");
        stage("consent", "ConsentStage", "authentik_stages_consent.consentstage", "ak-stage-consent-form",
                "Consent Stage", "{'mode': 'always_require', 'consent_expire_in': 'weeks=4'}");
        stage("invitation/stages", "InvitationStage", "authentik_stages_invitation.invitationstage",
                "ak-stage-invitation-form", "Invitation Stage", "{'continue_flow_without_invitation': false}");
        stage("prompt/stages", "PromptStage", "authentik_stages_prompt.promptstage", "ak-stage-prompt-form",
                "Prompt Stage", "{'fields': [], 'validation_policies': []}")
                .fk("fields", PROMPT).fk("validation_policies", POLICY);
        stage("authenticator/validate", "AuthenticatorValidateStage",
                "authentik_stages_authenticator_validate.authenticatorvalidatestage",
                "ak-stage-authenticator-validate-form", "Authenticator Validation Stage",
                "{'not_configured_action': 'skip', 'device_classes': ['static', 'totp', 'webauthn', 'duo', 'sms', 'email'],"
                        + " 'configuration_stages': [], 'last_auth_threshold': 'seconds=0',"
                        + " 'webauthn_user_verification': 'preferred', 'webauthn_allowed_device_types': []}")
                .fk("configuration_stages", STAGE).validate(StageRules::configurationStageWhenConfiguring)
                .answerFields(StageRules::allowedDeviceTypes);
        stage("authenticator/totp", "AuthenticatorTOTPStage",
                "authentik_stages_authenticator_totp.authenticatortotpstage", "ak-stage-authenticator-totp-form",
                "TOTP Authenticator Setup Stage", "{'configure_flow': null, 'friendly_name': '', 'digits': '6'}")
                .fk("configure_flow", FLOW).normalize(StageRules::digitsAsText);
        stage("authenticator/static", "AuthenticatorStaticStage",
                "authentik_stages_authenticator_static.authenticatorstaticstage", "ak-stage-authenticator-static-form",
                "Static Authenticator Setup Stage",
                "{'configure_flow': null, 'friendly_name': '', 'token_count': 6, 'token_length': 12}")
                .fk("configure_flow", FLOW);
        stage("authenticator/webauthn", "AuthenticatorWebAuthnStage",
                "authentik_stages_authenticator_webauthn.authenticatorwebauthnstage",
                "ak-stage-authenticator-webauthn-form", "WebAuthn Authenticator Setup Stage",
                "{'configure_flow': null, 'friendly_name': '', 'user_verification': 'preferred',"
                        + " 'authenticator_attachment': null, 'resident_key_requirement': 'preferred',"
                        + " 'device_type_restrictions': [], 'max_attempts': 0}")
                .fk("configure_flow", FLOW).answerFields(StageRules::deviceTypeRestrictions);
    }

    /** The objects stages use: prompts and invitations (authentik/stages/prompt/, stages/invitation/). */
    private void stageObjects() {
        add(new Collection("stages/prompt/prompts", "Prompt", "authentik_stages_prompt.prompt", UUID)
                .unique("name")
                .defaults("{'required': true, 'placeholder': '', 'initial_value': '', 'order': 0, 'sub_text': '',"
                        + " 'placeholder_expression': false, 'initial_value_expression': false}")
                .onDelete(StageRules::promptDeleted).answerFields(StageRules::promptStages));
        // name is a TextField with a slug validator, not unique (authentik/stages/invitation/models.py)
        add(new Collection("stages/invitation/invitations", "Invitation", "authentik_stages_invitation.invitation",
                UUID)
                .defaults("{'expires': null, 'fixed_data': {}, 'single_use': false, 'flow': null}")
                .fk("flow", FLOW).computeOnCreate(InvitationRules::defaultExpiry)
                .answerFields(InvitationRules::answerFields));
    }

    /** The policy family and policy bindings (authentik/policies/). */
    private void policies() {
        add(policy(new Collection("policies/password", "PasswordPolicy",
                "authentik_policies_password.passwordpolicy", UUID))
                .display("ak-policy-password-form", "Password Policy", "Password Policies")
                .defaults("{'execution_logging': false, 'password_field': 'password', 'amount_digits': 0,"
                        + " 'amount_uppercase': 0, 'amount_lowercase': 0, 'amount_symbols': 0, 'length_min': 0,"
                        + " 'error_message': '', 'check_static_rules': true, 'check_have_i_been_pwned': false,"
                        + " 'check_zxcvbn': false, 'hibp_allowed_count': 0, 'zxcvbn_score_threshold': 2}"));
        byPath.get("policies/password").defaults.put("symbol_charset", "!\\\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ ");
        add(policy(new Collection("policies/expression", "ExpressionPolicy",
                "authentik_policies_expression.expressionpolicy", UUID))
                .display("ak-policy-expression-form", "Expression Policy", "Expression Policies")
                .defaults("{'execution_logging': false}"));
        add(new Collection("policies/bindings", "PolicyBinding", "authentik_policies.policybinding", UUID)
                .defaults("{'policy': null, 'group': null, 'user': null, 'negate': false, 'enabled': true,"
                        + " 'timeout': 30, 'failure_result': false}")
                .fk("target", BINDING_TARGET).fk("policy", POLICY).fk("group", GROUP).fk("user", USER)
                .normalize(PolicyRules::targetAsPolicyBindingModel).validate(PolicyRules::validateBinding)
                .checkFilters(PolicyRules::checkTarget).filterAs(PolicyRules::targetAsStored)
                .answerFields(PolicyRules::bindingAnswer));
    }

    /** The property mapping family: scope mappings (authentik/providers/oauth2/). */
    private void mappings() {
        add(new Collection("propertymappings/provider/scope", "ScopeMapping",
                "authentik_providers_oauth2.scopemapping", UUID)
                .family(MAPPING).unique("name").uniqueAs("Property Mapping")
                .onDelete(PropertyMappingRules::mappingDeleted)
                .display("ak-property-mapping-provider-scope-form", "Scope Mapping", "Scope Mappings")
                .defaults("{'managed': null, 'description': ''}")
                .checkFilters(PropertyMappingRules::checkManaged));
    }

    /** Outposts (authentik/outposts/). */
    private void outposts() {
        add(new Collection("outposts/instances", "Outpost", "authentik_outposts.outpost", UUID)
                .unique("name")
                .defaults("{'service_connection': null, 'managed': null, 'config': {}, 'providers': []}")
                .fk("providers", PROVIDER)
                // DRF 3.16 answers get_object_or_404's Http404 with its message (rest_framework/views.py
                // exception_handler); applications answer it too, the other collections keep the emulator's generic
                // wording
                .notFound("No Outpost matches the given query.")
                .validate(OutpostRules::validate).afterSave(OutpostRules::outpostSaved)
                .action(Collection.ANY_METHOD, "health", OutpostRules::health)
                .answerFields(OutpostRules::answerFields));
    }

    /** Certificate-key pairs (authentik/crypto/). */
    private void crypto() {
        add(new Collection("crypto/certificatekeypairs", "CertificateKeyPair", "authentik_crypto.certificatekeypair",
                UUID).unique("name").defaults("{'managed': null}")
                .hidden(CertificateRules::managedJwt).afterSave(OutpostRules::reverseRelatedSaved)
                .answerFields(CertificateRules::answerFields));
    }

    /**
     * A stage type: names unique across every stage, a deletion cascading and an answer computed as every stage's;
     * displayed as {@code verbose} and served at {@code stages/<type>}.
     */
    private Collection stage(String type, String schema, String model, String component, String verbose,
            String defaults) {
        Collection c = new Collection("stages/" + type, schema, model, UUID).family(STAGE).unique("name")
                .uniqueAs("stage").onDelete(StageRules::stageDeleted).answerFields(StageRules::flowSet)
                .display(component, verbose, verbose + "s").defaults(defaults);
        add(c);
        return c;
    }

    /**
     * A member of the provider family: names unique across it, a deletion cascading and an answer computed as every
     * provider's.
     */
    private static Collection provider(Collection c) {
        return c.family(PROVIDER).unique("name").uniqueAs("provider").onDelete(ProviderRules::deleted)
                .answerFields(ProviderRules::assignedApplication);
    }

    /**
     * A member of the policy family: names unique across it, a deletion cascading and an answer computed as every
     * policy's.
     */
    private static Collection policy(Collection c) {
        return c.family(POLICY).unique("name").uniqueAs("Policy").onDelete(PolicyRules::policyDeleted)
                .answerFields(PolicyRules::boundTo);
    }

    private void add(Collection c) {
        byPath.put(c.path, c);
    }

    List<Collection> all() {
        return new ArrayList<>(byPath.values());
    }

    Optional<Collection> byPath(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    Optional<Collection> byModel(String model) {
        return byPath.values().stream().filter(c -> c.model.equals(model)).findFirst();
    }

    /** Collections whose objects belong to a family (e.g. every stage type) or to a single-collection pool. */
    List<Collection> pool(String pool) {
        return switch (pool) {
            case FLOW -> List.of(byPath.get("flows/instances"));
            case GROUP -> List.of(byPath.get("core/groups"));
            case USER -> List.of(byPath.get("core/users"));
            case PROMPT -> List.of(byPath.get("stages/prompt/prompts"));
            case CERTIFICATE -> List.of(byPath.get("crypto/certificatekeypairs"));
            case BINDING_TARGET -> byPath.values().stream().filter(c -> c.policyBindingTarget).toList();
            default -> byPath.values().stream().filter(c -> pool.equals(c.family)).toList();
        };
    }
}
