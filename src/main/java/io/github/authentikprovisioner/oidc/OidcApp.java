package io.github.authentikprovisioner.oidc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.github.authentikprovisioner.recipes.Patterns;

/**
 * Desired state of one OIDC application: an OAuth2/OpenID provider, its application, and the preset's extras
 * (groups, a scope mapping, an access gate, a system setting). Preset defaults are filled in here, so the rest of the
 * service sees the effective values; {@link ConsistentOidcApp} checks the rules that span fields.
 */
@ConsistentOidcApp
@Schema(name = "OidcApp", description = "An OIDC application (seed: 'Nextcloud', 'Synology', 'Immich', 'Inventree')")
public record OidcApp(
        @Schema(description = "Which application this is; the generic preset takes its redirect URIs from the caller",
                required = true, examples = "nextcloud")
        @NotNull OidcPreset preset,

        @Schema(description = "URL the application is reached at (https unless allowHttp); the presets derive their "
                + "redirect URIs from it. Optional for generic", examples = "https://nc.example.com")
        @Size(max = 2000) String baseUrl,

        @Schema(description = "Further URLs the application is reached at; each gets the preset's redirect URIs too "
                + "(Inventree: one callback per host)", examples = "[\"https://parts.example.com\"]")
        @Size(max = 20) List<@NotNull @Size(max = 2000) String> additionalBaseUrls,

        @Schema(description = "Application name; defaults per preset (Nextcloud, NAS, Immich, Inventree), required "
                + "for generic", examples = "Nextcloud")
        @Size(min = 1, max = 200) @Pattern(regexp = Patterns.TRIMMED, message = Patterns.TRIMMED_MESSAGE) String name,

        @Schema(description = "Application slug; defaults per preset, for generic derived from the name",
                examples = "nextcloud")
        @Size(min = 1, max = 50) @Pattern(regexp = Patterns.SLUG, message = Patterns.SLUG_MESSAGE) String slug,

        @Schema(description = "Provider name; defaults to the seed's (e.g. 'Nextcloud Provider'), else '<name> "
                + "Provider'. An application that already has an OAuth2 provider keeps it, with its client ID and "
                + "secret: renamed in place when providerName is given, else under the name it has")
        @Size(min = 1, max = 200)
        @Pattern(regexp = Patterns.TRIMMED, message = Patterns.TRIMMED_MESSAGE) String providerName,

        @Schema(description = "Redirect URIs; required for generic, added to the derived ones for the presets")
        @Size(max = 50) List<@NotNull @Valid RedirectUri> redirectUris,

        @Schema(description = "Scopes the application may request; must include openid. Defaults to openid, email, "
                + "profile", examples = "[\"openid\", \"email\", \"profile\"]")
        @Size(min = 1, max = 5) List<@NotNull @Pattern(regexp = SCOPE, message = SCOPE_MESSAGE) String> scopes,

        @Schema(description = "Only members of this group may use the application (a policy binding); created when "
                + "missing. Defaults to 'nextcloud Users' for nextcloud, none otherwise", examples = "nextcloud Users")
        @Size(min = 1, max = 80)
        @Pattern(regexp = Patterns.TRIMMED, message = Patterns.TRIMMED_MESSAGE) String accessGroup,

        @Schema(description = "Members of this group become administrators in the application; created when "
                + "missing. Defaults to 'nextcloud Admins' / 'inventree Admins'", examples = "nextcloud Admins")
        @Size(min = 1, max = 80)
        @Pattern(regexp = Patterns.TRIMMED, message = Patterns.TRIMMED_MESSAGE) String adminGroup,

        @Schema(description = "Accept http:// base and redirect URLs (only for tests and private networks)",
                defaultValue = "false")
        boolean allowHttp,

        @Schema(description = "Usernames added to the users' group (accessGroup, or the preset's users group); "
                + "existing members are kept, nobody is removed", examples = "[\"bob\"]")
        @Size(max = 500) List<@NotNull @Size(min = 1, max = 150)
                @Pattern(regexp = Patterns.USERNAME, message = Patterns.USERNAME_MESSAGE) String> members,

        @Schema(description = "Usernames added to adminGroup; existing members are kept, nobody is removed",
                examples = "[\"alice\"]")
        @Size(max = 500) List<@NotNull @Size(min = 1, max = 150)
                @Pattern(regexp = Patterns.USERNAME, message = Patterns.USERNAME_MESSAGE) String> admins) {

    static final String SCOPE = "^(openid|email|profile|offline_access|entitlements)$";
    static final String SCOPE_MESSAGE = "must be one of openid, email, profile, offline_access, entitlements";
    /** Slugs authentik refuses for applications (API-NOTES §0.7). */
    static final Set<String> RESERVED_SLUGS = Set.of("authorize", "token", "device", "userinfo", "introspect",
            "revoke");

    /** An application without members to add. */
    public OidcApp(OidcPreset preset, String baseUrl, List<String> additionalBaseUrls, String name, String slug,
            String providerName, List<RedirectUri> redirectUris, List<String> scopes, String accessGroup,
            String adminGroup, boolean allowHttp) {
        this(preset, baseUrl, additionalBaseUrls, name, slug, providerName, redirectUris, scopes, accessGroup,
                adminGroup, allowHttp, null, null);
    }

    public OidcApp {
        // copies that keep null elements, so that validation can name them
        members = members == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(members));
        admins = admins == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(admins));
        baseUrl = baseUrl == null ? null : withoutTrailingSlash(baseUrl);
        additionalBaseUrls = additionalBaseUrls == null ? List.of()
                : additionalBaseUrls.stream().map(u -> u == null ? null : withoutTrailingSlash(u)).toList();
        // copies that keep null elements, so that validation can name them
        redirectUris = redirectUris == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(redirectUris));
        if (preset != null) {
            name = name == null ? preset.defaultName() : name;
            slug = slug == null ? (preset == OidcPreset.GENERIC ? slugOf(name) : preset.defaultSlug()) : slug;
            scopes = scopes == null ? preset.defaultScopes()
                    : scopes.stream().anyMatch(s -> s == null || !s.matches(SCOPE)) ? scopes
                            : preset.ordered(new LinkedHashSet<>(scopes));
            accessGroup = accessGroup == null ? preset.defaultAccessGroup() : accessGroup;
            adminGroup = adminGroup == null ? preset.defaultAdminGroup() : adminGroup;
        }
    }

    /**
     * The name a new provider gets: providerName, else the seed's, or "{@code <name>} Provider". An existing one is
     * renamed only to an explicit providerName ({@link io.github.authentikprovisioner.recipes.ProviderName}).
     */
    public String defaultProviderName() {
        if (providerName != null) {
            return providerName;
        }
        return preset.defaultProviderName() != null && preset.defaultSlug().equals(slug)
                ? preset.defaultProviderName() : name + " Provider";
    }

    /** The group the application maps to its ordinary users without gating (Inventree's group map); or null. */
    public String usersGroup() {
        if (preset.defaultUsersGroup() == null) {
            return null;
        }
        return accessGroup != null ? accessGroup : preset.defaultUsersGroup();
    }

    /** The group {@code members} join: the gate, else the group the preset maps its users by; or null. */
    public String membersGroup() {
        return accessGroup != null ? accessGroup : usersGroup();
    }

    /** Every base URL: {@code baseUrl} first. */
    public List<String> baseUrls() {
        List<String> out = new ArrayList<>();
        if (baseUrl != null) {
            out.add(baseUrl);
        }
        out.addAll(additionalBaseUrls);
        return out;
    }

    /** The redirect URIs authentik registers: the preset's for every base URL, its fixed ones, then the caller's. */
    public List<RedirectUri> effectiveRedirectUris() {
        Set<RedirectUri> out = new LinkedHashSet<>();
        for (String base : baseUrls()) {
            preset.redirectsBelow(base).forEach(u -> out.add(RedirectUri.strict(u)));
        }
        preset.fixedRedirects().forEach(u -> out.add(RedirectUri.strict(u)));
        out.addAll(redirectUris);
        return List.copyOf(out);
    }

    private static String withoutTrailingSlash(String url) {
        String out = url.strip();
        while (out.endsWith("/")) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }

    /** A slug from a display name: lower case, runs of other characters as one '-'. */
    static String slugOf(String name) {
        if (name == null) {
            return null;
        }
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("^-+|-+$", "");
        return slug.isEmpty() ? null : slug.substring(0, Math.min(50, slug.length()));
    }
}
