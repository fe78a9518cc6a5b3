package io.github.authentikprovisioner.recipes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.google.re2j.Pattern;

/**
 * Domain-level skip paths are matched against the whole URL (internal/outpost/proxyv2/application/mode_common.go
 * {@code IsAllowlisted}): a pattern written for the path is refused with one that works, by meaning, not spelling.
 */
class WholeUrlPatternTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            // the guide's own spelling, which a check for a literal '^/' let through
            "^\\/api\\/.*     ; ^https://[^/]+\\/api\\/.*",
            "^/api/.*         ; ^https://[^/]+/api/.*",
            "^/(api|feed)/    ; ^https://[^/]+/(api|feed)/",
            "^[/]health$      ; ^https://[^/]+[/]health$",
            "^/$              ; ^https://[^/]+/$" })
    void aPatternForThePathIsRefusedWithOneThatMatchesTheUrl(String pattern, String fixed) {
        assertThat(WholeUrlPattern.correction(pattern.strip())).contains(fixed.strip());
        assertThat(Pattern.compile(fixed.strip()).matcher("https://sonarr.example.com"
                + (pattern.contains("health") ? "/health" : pattern.contains("(api") ? "/feed/" : pattern.contains("api")
                        ? "/api/v3/system" : "/")).find()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "^https://[^/]+/api/.*", "^https://status\\.example\\.com/.*", "/api/", "\\/api\\/",
            "^https?://[^/]+/public/", "^http", ".*", "^https://other\\.org/x$" })
    void aPatternThatCanMatchAUrlOrMeansAnotherHostIsAccepted(String pattern) {
        assertThat(WholeUrlPattern.correction(pattern)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "^/api/.*|/api/", "^/files?/x|/file", "^\\/a\\.b\\d|/a.b", "(/x)|''" })
    void literalPrefixReadsEscapesAndStopsAtTheFirstOperator(String regex, String prefix) {
        assertThat(WholeUrlPattern.literalPrefix(regex)).isEqualTo(prefix);
    }
}
