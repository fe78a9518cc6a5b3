package io.github.authentikprovisioner.oidc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The OIDC applications the seed walks through (sections "Nextcloud", "Synology", "Immich", "Inventree") plus a
 * generic one: each preset knows the seed's names, subject mode, groups and the redirect URIs its application
 * expects below its base URL.
 */
public enum OidcPreset {
    NEXTCLOUD("Nextcloud", "nextcloud", "Nextcloud Provider", SubjectMode.USERNAME,
            List.of("openid", "email", "profile"), "nextcloud Users", "nextcloud Admins", null,
            List.of("/apps/user_oidc/code"), List.of(), OidcSetup.Nextcloud.class),
    SYNOLOGY("NAS", "nas", "Synology Provider", SubjectMode.USERNAME,
            List.of("openid", "profile", "email"), null, null, null,
            List.of("/#/signin"), List.of(), OidcSetup.Synology.class),
    IMMICH("Immich", "immich", "Immich Provider", SubjectMode.HASHED_ID,
            List.of("openid", "email", "profile"), null, null, null,
            // the mobile app's callback has three slashes (docs.immich.app "OAuth Authentication", Mobile Redirect URI);
            // the guide's text lost one, and authentik matches strict URIs exactly
            List.of("/auth/login", "/user-settings"), List.of("app.immich:///oauth-callback"), OidcSetup.Immich.class),
    INVENTREE("Inventree", "inventree", "Inventree Provider", SubjectMode.HASHED_ID,
            List.of("openid", "email", "profile"), null, "inventree Admins", "inventree Users",
            List.of("/accounts/authentik/login/callback/"), List.of(), OidcSetup.Inventree.class),
    GENERIC(null, null, null, SubjectMode.HASHED_ID,
            List.of("openid", "email", "profile"), null, null, null, List.of(), List.of(), OidcSetup.Generic.class);

    /** Scope names this service can grant, in the order setups list them after a preset's own. */
    public static final List<String> SCOPES = List.of("openid", "email", "profile", "offline_access", "entitlements");

    private final String name;
    private final String slug;
    private final String providerName;
    private final SubjectMode subjectMode;
    private final List<String> scopes;
    private final String accessGroup;
    private final String adminGroup;
    private final String usersGroup;
    private final List<String> redirectPaths;
    private final List<String> fixedRedirects;
    private final Class<? extends OidcSetup> setup;

    OidcPreset(String name, String slug, String providerName, SubjectMode subjectMode, List<String> scopes,
            String accessGroup, String adminGroup, String usersGroup, List<String> redirectPaths,
            List<String> fixedRedirects, Class<? extends OidcSetup> setup) {
        this.name = name;
        this.slug = slug;
        this.providerName = providerName;
        this.subjectMode = subjectMode;
        this.scopes = scopes;
        this.accessGroup = accessGroup;
        this.adminGroup = adminGroup;
        this.usersGroup = usersGroup;
        this.redirectPaths = redirectPaths;
        this.fixedRedirects = fixedRedirects;
        this.setup = setup;
    }

    /**
     * The presets an application's redirect URIs can be recognised by, in declaration order, which is also the order
     * they are tried in (the most specific first): those deriving redirect URIs from a base URL.
     */
    static List<OidcPreset> recognisable() {
        return java.util.Arrays.stream(values()).filter(p -> !p.redirectPaths.isEmpty()).toList();
    }

    /** The shape of the client-side setup this preset answers ({@link OidcSetup#of} builds it). */
    Class<? extends OidcSetup> setupType() {
        return setup;
    }

    /** The seed's application name; null for {@link #GENERIC}. */
    public String defaultName() {
        return name;
    }

    /** The seed's application slug; null for {@link #GENERIC}. */
    public String defaultSlug() {
        return slug;
    }

    /** The seed's provider name (used while the slug is the seed's); null for {@link #GENERIC}. */
    public String defaultProviderName() {
        return providerName;
    }

    /** How the {@code sub} claim identifies users; by username where the seed says so. */
    public SubjectMode subjectMode() {
        return subjectMode;
    }

    /** Scopes the application asks for, in the order the seed lists them. */
    public List<String> defaultScopes() {
        return scopes;
    }

    /** Group whose members may use the application (a policy binding); null when the seed leaves it open. */
    public String defaultAccessGroup() {
        return accessGroup;
    }

    /** Group whose members become administrators in the application; null when the preset has none. */
    public String defaultAdminGroup() {
        return adminGroup;
    }

    /** Group mapped to the application's ordinary users without gating access (Inventree's group map). */
    public String defaultUsersGroup() {
        return usersGroup;
    }

    /** The redirect URIs the application uses when reached at {@code baseUrl} (no trailing slash). */
    public List<String> redirectsBelow(String baseUrl) {
        List<String> out = new ArrayList<>();
        for (String path : redirectPaths) {
            out.add(baseUrl + path);
        }
        return out;
    }

    /** Redirect URIs that do not depend on a host, e.g. the Immich mobile app's callback. */
    public List<String> fixedRedirects() {
        return fixedRedirects;
    }

    /**
     * The base URL a strict redirect URI of this preset was derived from, or null when it is not one: how the
     * answer of {@code GET /apps/oidc/{slug}} recovers the base URL from authentik's state.
     */
    public String baseUrlOf(String redirect) {
        if (redirectPaths.isEmpty()) {
            return null;
        }
        String path = redirectPaths.getFirst();
        return redirect.endsWith(path) && redirect.length() > path.length()
                ? redirect.substring(0, redirect.length() - path.length()) : null;
    }

    /** {@code scopes} ordered as this preset's setups list them: the preset's own first, then the rest. */
    public List<String> ordered(java.util.Collection<String> requested) {
        List<String> out = new ArrayList<>();
        for (String s : scopes) {
            if (requested.contains(s)) {
                out.add(s);
            }
        }
        for (String s : SCOPES) {
            if (requested.contains(s) && !out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** authentik's {@code sub_mode} values this service uses. */
    public enum SubjectMode {
        /** {@code user_username}: the seed's "Based on the User's username". */
        USERNAME("user_username"),
        /** {@code hashed_user_id}: authentik's default. */
        HASHED_ID("hashed_user_id");

        private final String value;

        SubjectMode(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }
}
