package io.github.authentikprovisioner.recipes;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Where a regular expression we hand to authentik is finally compiled, and what that engine refuses or reads
 * differently from Java's. A regex is accepted only when Java and the real consumer both take it, and a refusal names
 * the construct, so a path never silently stays behind login and a redirect never silently fails to match.
 */
public enum RegexDialect {

    /**
     * Go's {@code regexp} (RE2), which the proxy outpost compiles each line of {@code skip_path_regex} with; a line
     * that fails is logged and skipped, so its path stays behind login
     * (internal/outpost/proxyv2/application/application.go, 2026.2: {@code regexp.Compile} per line, {@code continue}
     * on error). Named groups are refused too: {@code (?<name>)} is Go 1.22 and later only, and standalone outposts
     * may be older.
     */
    GO_RE2(List.of(
            Construct.LOOKAROUND, Construct.BACKREFERENCE, Construct.POSSESSIVE, Construct.ATOMIC_GROUP,
            Construct.NAMED_GROUP, Construct.JAVA_ESCAPE, Construct.CLASS_INTERSECTION)),

    /**
     * Python's {@code re}, which authentik matches {@code redirect_uris} of matching mode regex with
     * (authentik/providers/oauth2/: {@code re.fullmatch}). It has lookarounds, backreferences, {@code (?P<name>)}
     * groups, and atomic groups and possessive quantifiers (3.11+), but none of Java's own syntax.
     */
    PYTHON(List.of(Construct.NAMED_GROUP, Construct.JAVA_ESCAPE, Construct.CLASS_INTERSECTION,
            Construct.JAVA_FLAG));

    /** A construct some engines lack, with what to call it in an answer. */
    enum Construct {
        LOOKAROUND("a lookaround ((?=, (?!, (?<=, (?<!)"),
        BACKREFERENCE("a backreference (\\1, \\k<name>)"),
        POSSESSIVE("a possessive quantifier (*+, ++, ?+, {n}+)"),
        ATOMIC_GROUP("an atomic group ((?>)"),
        NAMED_GROUP("a named group ((?<name>) or (?P<name>))"),
        JAVA_ESCAPE("a Java-only escape (\\h, \\H, \\R, \\X, \\G, \\Z, \\p{...}, \\P{...}, \\Q...\\E)"),
        CLASS_INTERSECTION("a character class intersection (&&)"),
        JAVA_FLAG("a Java-only inline flag ((?d), (?U), (?c))");

        final String description;

        Construct(String description) {
            this.description = description;
        }
    }

    private final List<Construct> refused;

    RegexDialect(List<Construct> refused) {
        this.refused = refused;
    }

    /** Why {@code regex} cannot be used with this dialect's consumer; empty when it can. */
    public Optional<String> problem(String regex) {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            return Optional.of("is not a valid regular expression: " + e.getDescription()
                    + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
        }
        for (Construct c : constructs(regex)) {
            if (refused.contains(c)) {
                return Optional.of("uses " + c.description + ", which " + consumer() + " does not accept");
            }
        }
        if (this == GO_RE2) {
            try {
                com.google.re2j.Pattern.compile(regex);
            } catch (com.google.re2j.PatternSyntaxException e) {
                return Optional.of("does not compile as a Go (RE2) regular expression: " + e.getDescription());
            }
        }
        return Optional.empty();
    }

    private String consumer() {
        return this == GO_RE2 ? "the outpost's Go regexp (RE2)" : "authentik's Python re";
    }

    /** The constructs {@code regex} uses, read past escapes and inside character classes. */
    static List<Construct> constructs(String regex) {
        List<Construct> found = new java.util.ArrayList<>();
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                char next = regex.charAt(++i);
                if (next >= '1' && next <= '9' && !inClass || next == 'k' && at(regex, i + 1, "<")) {
                    found.add(Construct.BACKREFERENCE);
                } else if ("hHRXGZQpP".indexOf(next) >= 0) {
                    found.add(Construct.JAVA_ESCAPE);
                }
                continue;
            }
            if (inClass) {
                if (c == ']') {
                    inClass = false;
                } else if (c == '&' && at(regex, i + 1, "&")) {
                    found.add(Construct.CLASS_INTERSECTION);
                }
                continue;
            }
            if (c == '[') {
                inClass = true;
                if (at(regex, i + 1, "^")) {
                    i++;
                }
                if (at(regex, i + 1, "]")) {
                    i++; // a leading ] is a literal
                }
            } else if (c == '(' && at(regex, i + 1, "?")) {
                String rest = regex.substring(i + 2);
                if (rest.startsWith("=") || rest.startsWith("!") || rest.startsWith("<=") || rest.startsWith("<!")) {
                    found.add(Construct.LOOKAROUND);
                } else if (rest.startsWith("<") || rest.startsWith("P<")) {
                    found.add(Construct.NAMED_GROUP);
                } else if (rest.startsWith(">")) {
                    found.add(Construct.ATOMIC_GROUP);
                } else if (rest.matches("(?s)[a-zA-Z-]*[dUc][a-zA-Z-]*[:)].*")) {
                    found.add(Construct.JAVA_FLAG);
                }
            } else if ((c == '*' || c == '+' || c == '?' || c == '}') && at(regex, i + 1, "+")
                    && !(c == '?' && i > 0 && regex.charAt(i - 1) == '(')) {
                found.add(Construct.POSSESSIVE);
            }
        }
        return found;
    }

    private static boolean at(String s, int i, String what) {
        return s.startsWith(what, i);
    }
}
