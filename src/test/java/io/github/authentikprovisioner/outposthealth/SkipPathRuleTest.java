package io.github.authentikprovisioner.outposthealth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** How the outpost reads skip_path_regex lines (application.go, mode_common.go), and their obvious samples. */
class SkipPathRuleTest {

    private static final URI SONARR = URI.create("https://sonarr.example.com");

    @ParameterizedTest
    @CsvSource({
            "'^/api/.*', /api/",
            "'^/api/v3/.*$', /api/v3/",
            "'^/feed', /feed",
            "'/rss/', /rss/",
            "'^/ping$', /ping",
            "'^/api/v[0-9]+/.*', /api/v",
            "'^/calendar\\.ics', /calendar.ics",
            "'^/files?/', /file",
    })
    void aSingleHostLineIsSampledByItsLiteralPrefixWhenThatMatches(String pattern, String samplePath) {
        SkipPathRule rule = SkipPathRule.line(pattern, "forward_single", SONARR);
        assertThat(rule.problem()).isNull();
        if (samplePath.equals("/api/v") || samplePath.equals("/file")) {
            assertThat(rule.sample()).as("the literal prefix alone does not match: no obvious sample").isNull();
        } else {
            assertThat(rule.sample()).isEqualTo(URI.create("https://sonarr.example.com" + samplePath));
        }
    }

    @Test
    void aLineGoDoesNotCompileIsReportedAsSkippedByTheOutpost() {
        SkipPathRule lookahead = SkipPathRule.line("^/api/(?!admin).*", "forward_single", SONARR);
        assertThat(lookahead.problem()).contains("the outpost skips this line").contains("Go (RE2)");
        SkipPathRule unbalanced = SkipPathRule.line("^/api/(v1|v2/.*", "forward_single", SONARR);
        assertThat(unbalanced.problem()).contains("the outpost skips this line");
    }

    @Test
    void onlyNewlinesSeparateLinesAndAnEmptyLineMatchesEverything() {
        List<SkipPathRule> rules = SkipPathRule.of("^/api/.*\n\n^/feed", "forward_single", SONARR);
        assertThat(rules).extracting(SkipPathRule::pattern).containsExactly("^/api/.*", "", "^/feed");
        assertThat(rules.get(1).problem()).contains("matches every path");
        assertThat(SkipPathRule.of("", "forward_single", SONARR)).isEmpty();
    }

    @Test
    void aDomainLevelProviderMatchesTheWholeUrlSoAPathAnchoredLineNeverMatches() {
        URI auth = URI.create("https://auth.example.com");
        SkipPathRule anchored = SkipPathRule.line("^/api/.*", "forward_domain", auth);
        assertThat(anchored.problem()).contains("never matches").contains("^https://[^/]+/api/.*");
        SkipPathRule url = SkipPathRule.line("^https://sonarr\\.example\\.com/api/.*", "forward_domain", auth);
        assertThat(url.problem()).isNull();
        assertThat(url.sample()).isEqualTo(URI.create("https://sonarr.example.com/api/"));
        SkipPathRule unanchored = SkipPathRule.line("/api/", "forward_domain", auth);
        assertThat(unanchored.sample()).isEqualTo(URI.create("https://auth.example.com/api/"));
    }
}
