package io.github.authentikprovisioner.reconcile;

/**
 * Text trimmed the way authentik trims it. DRF's {@code CharField} (the field of every model {@code CharField} and
 * {@code TextField}, {@code trim_whitespace=True} by default) stores {@code str(data).strip()}
 * (rest_framework/fields.py), and Python's {@code str.strip()} removes every character for which {@code str.isspace()}
 * holds: those of bidirectional class WS, B or S or general category Zs. That is 29 code points, of which Java's
 * {@link String#strip()} misses four (U+0085, U+00A0, U+2007, U+202F) and {@code \s} in a Java or ECMA-262 regex
 * misses others, so a name or password ending in a no-break space passed the service's checks and was stored trimmed.
 */
public final class PythonText {

    /**
     * The code points of Python's {@code str.isspace()} (CPython 3.11+, Unicode 14/15: the list has not changed since
     * U+180E left it in Unicode 6.3), as the body of a regex character class that Java and ECMA-262 read alike.
     */
    public static final String SPACE_CLASS = "\\u0009-\\u000D\\u001C-\\u0020\\u0085\\u00A0\\u1680\\u2000-\\u200A"
            + "\\u2028\\u2029\\u202F\\u205F\\u3000";

    private PythonText() {
    }

    /** Python's {@code str.isspace()} for one code point. */
    public static boolean isSpace(int c) {
        return c >= 0x09 && c <= 0x0D || c >= 0x1C && c <= 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680
                || c >= 0x2000 && c <= 0x200A || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F
                || c == 0x3000;
    }

    /** Python's {@code str.strip()}: every leading and trailing {@link #isSpace} character removed. */
    public static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /** Whether authentik would store {@code s} as it is: nothing to trim at either end. */
    public static boolean isStripped(String s) {
        return strip(s).length() == s.length();
    }
}
