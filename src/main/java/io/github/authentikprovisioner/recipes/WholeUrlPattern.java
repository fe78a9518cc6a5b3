package io.github.authentikprovisioner.recipes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * A skip-path pattern of a domain-level ({@code forward_domain}) provider, which the outpost matches against the whole
 * URL, {@code https://host/path?query} (internal/outpost/proxyv2/application/mode_common.go {@code IsAllowlisted}:
 * {@code u.String()} unless the mode is proxy or forward_single), with Go's RE2. A pattern written for the path, such as
 * the guide's {@code ^\/api\/.*}, then never matches and the path it meant stays behind sign-in. Decided by meaning,
 * not spelling: the pattern is tried with RE2 on sample URLs.
 */
public final class WholeUrlPattern {

    private static final String META = ".[]()*+?{}|$^\\";
    private static final List<String> ORIGINS = List.of("https://example.com", "https://app.example.com",
            "http://example.com", "https://a.b.example.org:8443");

    private WholeUrlPattern() {
    }

    /**
     * The pattern to write instead of {@code regex} when {@code regex} matches a path but no URL with that path; empty
     * when it can match a URL (or when it means something no sample shows, such as a URL of another host).
     */
    public static Optional<String> correction(String regex) {
        Pattern compiled;
        try {
            compiled = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            return Optional.empty();
        }
        List<String> paths = samplePaths(regex);
        for (String origin : ORIGINS) {
            for (String path : paths) {
                if (compiled.matcher(origin + path).find()) {
                    return Optional.empty();
                }
            }
        }
        if (startsWithSlash(regex)) {
            return Optional.of("^https://[^/]+" + regex.substring(1));
        }
        if (paths.stream().noneMatch(path -> compiled.matcher(path).find())) {
            return Optional.empty();
        }
        String body = regex.startsWith("^") ? regex.substring(1) : "(?:.*)" + regex;
        String fixed = "^https://[^/]+" + body;
        return paths.stream().anyMatch(path -> Pattern.compile(fixed).matcher(ORIGINS.getFirst() + path).find())
                ? Optional.of(fixed) : Optional.empty();
    }

    /**
     * Whether every match of {@code regex} begins with a slash: it is anchored at the start, has no alternative at the
     * top level, and its first atom (past opening groups) is a slash, written {@code /}, {@code \/} or {@code [/]}.
     * A URL begins with its scheme, so such a pattern never matches one.
     */
    static boolean startsWithSlash(String regex) {
        if (!regex.startsWith("^") || topLevelAlternative(regex)) {
            return false;
        }
        int i = 1;
        while (regex.startsWith("(?:", i) || regex.startsWith("(", i) && !regex.startsWith("(?", i)) {
            i += regex.startsWith("(?:", i) ? 3 : 1;
        }
        String rest = regex.substring(i);
        return rest.startsWith("/") || rest.startsWith("\\/") || rest.startsWith("[/]") || rest.startsWith("[\\/]");
    }

    private static boolean topLevelAlternative(String regex) {
        int depth = 0;
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The text every match of {@code regex} starts with, when it is anchored or begins with it: escapes of
     * punctuation read as the character; a character made optional by the quantifier after it is dropped.
     */
    public static String literalPrefix(String regex) {
        int i = regex.startsWith("^") ? 1 : 0;
        StringBuilder out = new StringBuilder();
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length() && !Character.isLetterOrDigit(regex.charAt(i + 1))) {
                out.append(regex.charAt(i + 1));
                i += 2;
                continue;
            }
            if (META.indexOf(c) >= 0) {
                break;
            }
            out.append(c);
            i++;
        }
        if (i < regex.length() && "*?{".indexOf(regex.charAt(i)) >= 0 && !out.isEmpty()) {
            out.setLength(out.length() - 1);
        }
        return out.toString();
    }

    /** Paths a request the pattern means would have: its literal start (when a path), a longer one, and the root. */
    private static List<String> samplePaths(String regex) {
        List<String> out = new ArrayList<>();
        String literal = literalPrefix(regex);
        if (literal.startsWith("/")) {
            out.add(literal);
            out.add(literal + "x");
            out.add(literal + "/x");
        }
        out.add("/");
        out.add("/x");
        return out;
    }
}
