package io.github.authentikprovisioner.oidc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotNull;

/** The rules that span fields: what each preset requires, URL schemes, and names authentik refuses. */
@Documented
@Constraint(validatedBy = ConsistentOidcApp.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ConsistentOidcApp {

    String message() default "is inconsistent";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Reports each broken rule on the field it concerns. */
    class Validator implements ConstraintValidator<ConsistentOidcApp, OidcApp> {

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
            if (app.slug() != null && OidcApp.RESERVED_SLUGS.contains(app.slug())) {
                violations.add(() -> field(context, "slug", "is reserved by authentik"));
            }
            if (app.scopes() != null && app.scopes().stream().allMatch(s -> s != null && s.matches(OidcApp.SCOPE))
                    && !app.scopes().contains("openid")) {
                violations.add(() -> field(context, "scopes", "must include openid"));
            }
            if (app.adminGroup() != null && (app.adminGroup().equals(app.accessGroup())
                    || app.adminGroup().equals(app.usersGroup()))) {
                violations.add(() -> field(context, "adminGroup", "must differ from the users' group '"
                        + (app.accessGroup() != null ? app.accessGroup() : app.usersGroup()) + "'"));
            }
            if (!app.members().isEmpty() && app.membersGroup() == null) {
                violations.add(() -> field(context, "members", "the " + app.preset() + " preset has no users' group "
                        + "here; give accessGroup"));
            }
            if (!app.admins().isEmpty() && app.adminGroup() == null) {
                violations.add(() -> field(context, "admins", "the " + app.preset() + " preset has no admin group "
                        + "here; give adminGroup"));
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
