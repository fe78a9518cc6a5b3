package io.github.authentikprovisioner.oidc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.github.authentikprovisioner.recipes.Patterns;

/**
 * Desired state of one OIDC application: an OAuth2/OpenID provider, its application, and the preset's extras
 * (groups, a scope mapping, an access gate, a system setting). Preset defaults are filled in here, so the rest of the
 * service sees the effective values; {@link Consistent} checks the rules that span fields.
 */
@OidcApp.Consistent
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
                + "Provider'. An application that already has an OAuth2 provider keeps it")
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
        boolean allowHttp) {

    static final String SCOPE = "^(openid|email|profile|offline_access|entitlements)$";
    static final String SCOPE_MESSAGE = "must be one of openid, email, profile, offline_access, entitlements";
    /** Slugs authentik refuses for applications (API-NOTES §0.7). */
    static final Set<String> RESERVED_SLUGS = Set.of("authorize", "token", "device", "userinfo", "introspect",
            "revoke");

    public OidcApp {
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

    /** The name the provider gets unless the application already has one: the seed's, or "{@code <name>} Provider". */
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

    /** The rules that span fields: what each preset requires, URL schemes, and names authentik refuses. */
    @Documented
    @Constraint(validatedBy = Consistent.Validator.class)
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    public @interface Consistent {

        String message() default "is inconsistent";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        /** Reports each broken rule on the field it concerns. */
        class Validator implements ConstraintValidator<Consistent, OidcApp> {

            @Override
            public boolean isValid(OidcApp app, ConstraintValidatorContext context) {
                if (app == null || app.preset() == null) {
                    return true; // @NotNull reports the missing preset
                }
                context.disableDefaultConstraintViolation();
                List<Runnable> violations = new ArrayList<>();
                boolean generic = app.preset() == OidcPreset.GENERIC;
                if (app.baseUrl() == null) {
                    if (!generic) {
                        violations.add(() -> field(context, "baseUrl", "is required for the " + app.preset()
                                + " preset, which derives its redirect URIs from it"));
                    }
                } else {
                    String problem = webUrlProblem(app.baseUrl(), app.allowHttp());
                    if (problem != null) {
                        violations.add(() -> field(context, "baseUrl", problem));
                    }
                }
                for (int i = 0; i < app.additionalBaseUrls().size(); i++) {
                    int index = i;
                    String url = app.additionalBaseUrls().get(i);
                    String problem = url == null ? null : generic
                            ? "is not used by the generic preset; list redirectUris instead"
                            : webUrlProblem(url, app.allowHttp());
                    if (problem != null) {
                        violations.add(() -> element(context, "additionalBaseUrls", index, problem));
                    }
                }
                if (generic && app.redirectUris().isEmpty()) {
                    violations.add(() -> field(context, "redirectUris",
                            "the generic preset needs at least one redirect URI"));
                }
                for (int i = 0; i < app.redirectUris().size(); i++) {
                    int index = i;
                    String problem = redirectProblem(app.redirectUris().get(i), app.allowHttp());
                    if (problem != null) {
                        violations.add(() -> element(context, "redirectUris", index, problem));
                    }
                }
                if (generic && app.name() == null) {
                    violations.add(() -> field(context, "name", "is required for the generic preset"));
                } else if (app.slug() == null) {
                    violations.add(() -> field(context, "slug", "cannot be derived from the name; give one"));
                }
                if (app.slug() != null && RESERVED_SLUGS.contains(app.slug())) {
                    violations.add(() -> field(context, "slug", "is reserved by authentik"));
                }
                if (app.scopes() != null && app.scopes().stream().allMatch(s -> s != null && s.matches(SCOPE))
                        && !app.scopes().contains("openid")) {
                    violations.add(() -> field(context, "scopes", "must include openid"));
                }
                if (app.adminGroup() != null && (app.adminGroup().equals(app.accessGroup())
                        || app.adminGroup().equals(app.usersGroup()))) {
                    violations.add(() -> field(context, "adminGroup", "must differ from the users' group '"
                            + (app.accessGroup() != null ? app.accessGroup() : app.usersGroup()) + "'"));
                }
                violations.forEach(Runnable::run);
                return violations.isEmpty();
            }

            /** Why {@code url} is no usable base URL, or null when it is one. */
            private static String webUrlProblem(String url, boolean allowHttp) {
                URI uri;
                try {
                    uri = new URI(url);
                } catch (URISyntaxException e) {
                    return "'" + url + "' is not a URL: " + e.getReason();
                }
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("https") && !(scheme.equals("http") && allowHttp)) {
                    return "must be an https:// URL" + (scheme.equals("http") ? " (or set allowHttp)" : "");
                }
                if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                        || uri.getRawFragment() != null) {
                    return "must be scheme://host[:port][/path], without user, query or fragment";
                }
                return null;
            }

            private static String redirectProblem(RedirectUri redirect, boolean allowHttp) {
                if (redirect == null) {
                    return null; // @NotNull reports it
                }
                if ((redirect.url() == null) == (redirect.regex() == null)) {
                    return "give exactly one of 'url' and 'regex'";
                }
                if (redirect.byRegex()) {
                    return null; // @ValidRegex checks it
                }
                try {
                    URI uri = new URI(redirect.url());
                    if (uri.getScheme() == null) {
                        return "'" + redirect.url() + "' is not an absolute URI";
                    }
                    if (uri.getScheme().equalsIgnoreCase("http") && !allowHttp) {
                        return "must not use http:// (or set allowHttp)";
                    }
                    return null;
                } catch (URISyntaxException e) {
                    return "'" + redirect.url() + "' is not a URI: " + e.getReason();
                }
            }

            private static void field(ConstraintValidatorContext context, String field, String message) {
                context.buildConstraintViolationWithTemplate(escape(message)).addPropertyNode(field)
                        .addConstraintViolation();
            }

            private static void element(ConstraintValidatorContext context, String field, int index, String message) {
                context.buildConstraintViolationWithTemplate(escape(message)).addPropertyNode(field)
                        .addContainerElementNode("<list element>", List.class, 0).inIterable().atIndex(index)
                        .addConstraintViolation();
            }

            private static String escape(String message) {
                return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
            }
        }
    }
}
