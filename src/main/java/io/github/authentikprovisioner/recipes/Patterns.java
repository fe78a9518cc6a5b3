package io.github.authentikprovisioner.recipes;

import io.github.authentikprovisioner.reconcile.PythonText;

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

    /**
     * A username as Django's {@code UnicodeUsernameValidator} allows it, in ASCII: letters, digits and {@code @.+-_}
     * (authentik's API itself only limits the length; this keeps usernames usable in paths and login forms).
     */
    public static final String USERNAME = "^[A-Za-z0-9@.+_-]+$";
    public static final String USERNAME_MESSAGE = "may contain only letters, digits and @ . + - _";

    /** A DNS domain (no scheme, no port), as a cookie domain. */
    public static final String DOMAIN =
            "^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)*[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$";
    public static final String DOMAIN_MESSAGE = "must be a domain name such as 'example.com' (no scheme, no port)";

    /**
     * A name authentik stores as given: not blank, no whitespace at either end. authentik's serializers trim text
     * fields (DRF {@code CharField(trim_whitespace=True)}) with Python's {@code str.strip()}, so " Family" or
     * "Family" followed by a no-break space would be stored as "Family" and never be found again by its exact name.
     * Whitespace is Python's ({@link PythonText#SPACE_CLASS}), not {@code \s}, which misses U+00A0, U+2007, U+202F,
     * U+0085 and U+001C–U+001F in Java, and U+0085 and U+001C–U+001F in ECMA-262. ({@code [\s\S]}, any character:
     * these patterns are in the OpenAPI contract too, where ECMA-262 has no {@code (?s)}.)
     */
    public static final String TRIMMED = "^[^" + PythonText.SPACE_CLASS + "]([\\s\\S]*[^" + PythonText.SPACE_CLASS
            + "])?$";
    public static final String TRIMMED_MESSAGE =
            "must not be blank nor start or end with whitespace (authentik would store it trimmed)";

    /** Text with at least one character that is not whitespace (Python's, as in {@link #TRIMMED}). */
    public static final String NOT_BLANK = "^[\\s\\S]*[^" + PythonText.SPACE_CLASS + "][\\s\\S]*$";
    public static final String NOT_BLANK_MESSAGE = "must not be blank";

    private Patterns() {
    }
}
