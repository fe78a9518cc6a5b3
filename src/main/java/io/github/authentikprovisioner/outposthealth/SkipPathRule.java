package io.github.authentikprovisioner.outposthealth;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import io.github.authentikprovisioner.recipes.WholeUrlPattern;

/**
 * One line of a proxy provider's {@code skip_path_regex} as the outpost reads it, with the request that obviously
 * exercises it: {@code ^/api/.*} means {@code /api/}.
 *
 * <p>The outpost splits the value on {@code "\n"} only, compiles each line with Go's RE2 and skips a line that does
 * not compile (internal/outpost/proxyv2/application/application.go); it matches unanchored, against the path for
 * {@code forward_single} (decoded, without the query) and against the whole URL ({@code https://host/path?query}) for {@code forward_domain}
 * (application/mode_common.go {@code IsAllowlisted}).
 *
 * @param pattern the line as stored
 * @param problem why the outpost skips or misreads it; null when it works as written
 * @param sample the URL a request the line lets through would have; null when there is no obvious one
 */
record SkipPathRule(String pattern, String problem, URI sample) {

    /** Every line of {@code skipPathRegex} for a provider in {@code mode} whose external host is {@code external}. */
    static List<SkipPathRule> of(String skipPathRegex, String mode, URI external) {
        if (skipPathRegex == null || skipPathRegex.isEmpty()) {
            return List.of();
        }
        List<SkipPathRule> out = new ArrayList<>();
        for (String line : skipPathRegex.split("\n", -1)) {
            out.add(line(line, mode, external));
        }
        return out;
    }

    static SkipPathRule line(String line, String mode, URI external) {
        if (line.isEmpty()) {
            return new SkipPathRule(line, "an empty line matches every path: sign-in is off for the whole host", null);
        }
        Pattern compiled;
        try {
            compiled = Pattern.compile(line);
        } catch (PatternSyntaxException e) {
            return new SkipPathRule(line, "the outpost skips this line, so its paths stay behind sign-in: it does not "
                    + "compile as a Go (RE2) regular expression (" + e.getDescription() + ")", null);
        }
        boolean wholeUrl = "forward_domain".equals(mode);
        String origin = external.getScheme() + "://" + external.getRawAuthority();
        String literal = WholeUrlPattern.literalPrefix(line);
        for (String candidate : List.of(literal, literal + "x")) {
            Optional<URI> url = sampleUrl(candidate, origin);
            if (url.isPresent() && compiled.matcher(wholeUrl ? url.get().toString() : url.get().getPath()).find()) {
                return new SkipPathRule(line, null, url.get());
            }
        }
        Optional<String> fixed = wholeUrl ? WholeUrlPattern.correction(line) : Optional.empty();
        if (fixed.isPresent()) {
            return new SkipPathRule(line, "never matches: a domain-level provider matches skip paths against the "
                    + "whole URL (https://host/path), so a pattern for the path lets nothing through; write "
                    + fixed.get() + " instead", null);
        }
        return new SkipPathRule(line, null, null);
    }

    /** The path and query of {@code url}, as Traefik sends it in {@code X-Forwarded-Uri}. */
    static String pathOf(URI url) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }

    private static Optional<URI> sampleUrl(String literal, String origin) {
        String url;
        if (literal.startsWith("http://") || literal.startsWith("https://")) {
            url = literal;
        } else if (literal.startsWith("/")) {
            url = origin + literal;
        } else {
            return Optional.empty();
        }
        try {
            URI parsed = new URI(url);
            return parsed.getRawAuthority() == null || parsed.getRawAuthority().isEmpty() ? Optional.empty()
                    : Optional.of(parsed);
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }
}
