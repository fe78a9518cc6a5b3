package io.github.authentikprovisioner.recipes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Regexes are accepted only where the real consumer compiles them: the outpost's Go regexp for unauthenticated paths
 * (internal/outpost/proxyv2/application/application.go skips a line that fails), Python's re for redirect URIs.
 */
class RegexDialectTest {

    @ParameterizedTest
    @ValueSource(strings = { "^/api/.*", "^/(api|feed)/v[0-9]+/", "^/static/[^/]+\\.(css|js)$", "(?i)^/ping$",
            "^/a\\+b", "[a&b]", "^/x{2,3}$", "\\d+\\.\\w*" })
    void commonPathsPassBothDialects(String regex) {
        assertThat(RegexDialect.GO_RE2.problem(regex)).isEmpty();
        assertThat(RegexDialect.PYTHON.problem(regex)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "^/api(?!/private).*       | lookaround",
            "^/(?<=x)y                 | lookaround",
            "^/(a)\\1                  | backreference",
            "^/a++                     | possessive",
            "^/a{2}+                   | possessive",
            "^/(?>ab)                  | atomic group",
            "^/(?<v>api)/              | named group",
            "^/\\p{javaLowerCase}      | Java-only escape",
            "^/\\h                     | Java-only escape",
            "^/[a-z&&[^x]]             | intersection" })
    void theOutpostsGoRegexpRefusesWhatItCannotCompileNamingIt(String regex, String construct) {
        assertThat(RegexDialect.GO_RE2.problem(regex.strip())).hasValueSatisfying(p -> assertThat(p)
                .contains(construct).contains("Go regexp"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "^https://a\\.example\\.com/(?!admin).*$", "^https://(a)\\1\\.com/$",
            "^https://x\\.com/a++$" })
    void pythonTakesLookaroundsBackreferencesAndPossessives(String regex) {
        assertThat(RegexDialect.PYTHON.problem(regex)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "^https://(?<host>[a-z]+)\\.com/$ | named group",
            "^https://x\\.com/\\p{L}+$        | Java-only escape",
            "^https://[a-z&&[^q]]\\.com/$     | intersection",
            "(?U)^https://x\\.com/$           | inline flag" })
    void pythonRefusesJavaOnlySyntaxNamingIt(String regex, String construct) {
        assertThat(RegexDialect.PYTHON.problem(regex.strip())).hasValueSatisfying(p -> assertThat(p)
                .contains(construct).contains("Python"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "^/(unclosed", "*x" })
    void invalidForJavaIsInvalidEverywhere(String regex) {
        assertThat(RegexDialect.GO_RE2.problem(regex)).hasValueSatisfying(p -> assertThat(p).contains("not a valid"));
        assertThat(RegexDialect.PYTHON.problem(regex)).isPresent();
    }
}
