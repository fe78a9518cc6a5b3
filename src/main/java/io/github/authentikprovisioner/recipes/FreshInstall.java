package io.github.authentikprovisioner.recipes;

import java.util.List;

import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.reconcile.Ref;

/**
 * The objects of a fresh authentik install (upstream default blueprints) that the login and security recipes
 * change or bind: found by name (stages, prompts, policies), slug (flows) or domain (the default brand).
 */
public final class FreshInstall {

    public static final String AUTHENTICATION_FLOW = "default-authentication-flow";
    public static final String SOURCE_ENROLLMENT_FLOW = "default-source-enrollment";

    public static final Ref IDENTIFICATION = Ref.to(Kind.IDENTIFICATION_STAGE, "name",
            "default-authentication-identification");
    public static final Ref PASSWORD = Ref.to(Kind.PASSWORD_STAGE, "name", "default-authentication-password");
    /** Skips the password stage when the user already authenticated another way (on its binding, order 10). */
    public static final Ref PASSWORD_STAGE_POLICY = Ref.to(Kind.EXPRESSION_POLICY, "name",
            "default-authentication-flow-password-stage");
    public static final Ref MFA_VALIDATION = Ref.to(Kind.AUTHENTICATOR_VALIDATE_STAGE, "name",
            "default-authentication-mfa-validation");
    public static final Ref TOTP_SETUP = Ref.to(Kind.TOTP_STAGE, "name", "default-authenticator-totp-setup");
    // no typed kind for these two setup stages: they are only referred to, found through /stages/all/
    public static final Ref STATIC_SETUP = Ref.to(Kind.STAGE, "name", "default-authenticator-static-setup");
    public static final Ref WEBAUTHN_SETUP = Ref.to(Kind.STAGE, "name", "default-authenticator-webauthn-setup");

    public static final Ref SOURCE_ENROLLMENT_PROMPT = Ref.to(Kind.PROMPT_STAGE, "name",
            "default-source-enrollment-prompt");
    public static final Ref SOURCE_ENROLLMENT_WRITE = Ref.to(Kind.USER_WRITE_STAGE, "name",
            "default-source-enrollment-write");
    public static final Ref SOURCE_ENROLLMENT_LOGIN = Ref.to(Kind.USER_LOGIN_STAGE, "name",
            "default-source-enrollment-login");

    public static final Ref PASSWORD_CHANGE_PROMPT = Ref.to(Kind.PROMPT_STAGE, "name", "default-password-change-prompt");
    public static final Ref PASSWORD_CHANGE_WRITE = Ref.to(Kind.USER_WRITE_STAGE, "name",
            "default-password-change-write");

    /**
     * The superuser group of a fresh install (system/bootstrap.yaml: akadmin's group, {@code is_superuser: true}):
     * authentik renders {@code is_superuser} of a user from membership of such a group (authentik/core/models.py).
     */
    public static final String ADMINS_GROUP = "authentik Admins";
    /** The bootstrap administrator (system/bootstrap.yaml), owner of the token AUTHENTIK_BOOTSTRAP_TOKEN. */
    public static final String BOOTSTRAP_ADMIN = "akadmin";

    /** The brand a fresh install serves every domain with. */
    public static final Ref BRAND = Ref.to(Kind.BRAND, "domain", "authentik-default");

    /** The prompt fields the seed selects for enrollment: username, name, email, password twice. */
    public static final List<Ref> ENROLLMENT_PROMPTS = List.of(
            prompt("default-user-settings-field-username"),
            prompt("default-user-settings-field-name"),
            prompt("default-user-settings-field-email"),
            prompt("initial-setup-field-password"),
            prompt("initial-setup-field-password-repeat"));

    private FreshInstall() {
    }

    private static Ref prompt(String name) {
        return Ref.to(Kind.PROMPT, "name", name);
    }

    /** The name (or slug, domain) a reference looks its object up by, as shown in answers. */
    public static String nameOf(Ref ref) {
        return ref.key().toString();
    }
}
