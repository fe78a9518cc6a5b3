package io.github.authentikprovisioner.recipes;

/** Input patterns shared by recipe specs; they mirror what authentik itself accepts. */
public final class Patterns {

    /** authentik's duration syntax: {@code key=value} pairs joined by semicolons (API-NOTES §0.7). */
    public static final String DURATION =
            "^(microseconds|milliseconds|seconds|minutes|hours|days|weeks)=\\d+(\\.\\d+)?"
                    + "(;(microseconds|milliseconds|seconds|minutes|hours|days|weeks)=\\d+(\\.\\d+)?)*$";
    public static final String DURATION_MESSAGE =
            "must be authentik's duration syntax, e.g. 'hours=24' or 'days=1;hours=12'";

    /** Slug-like fields: application slugs, flow slugs, invitation names. */
    public static final String SLUG = "^[-a-zA-Z0-9_]+$";
    public static final String SLUG_MESSAGE = "may contain only letters, digits, '-' and '_'";

    /** Application slugs authentik reserves for its OAuth endpoints (API-NOTES §0.7). */
    public static final String NOT_RESERVED_SLUG = "^(?!(?i)(authorize|token|device|userinfo|introspect|revoke)$).*$";
    public static final String NOT_RESERVED_SLUG_MESSAGE =
            "is reserved by authentik (authorize, token, device, userinfo, introspect, revoke)";

    /** A DNS domain (no scheme, no port), as a cookie domain. */
    public static final String DOMAIN =
            "^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)*[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$";
    public static final String DOMAIN_MESSAGE = "must be a domain name such as 'example.com' (no scheme, no port)";

    /** Text with at least one character that is not whitespace. */
    public static final String NOT_BLANK = "(?s).*\\S.*";
    public static final String NOT_BLANK_MESSAGE = "must not be blank";

    private Patterns() {
    }
}
