package io.github.authentikprovisioner.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The whole test run's log (every {@code @QuarkusTest} writes {@code target/quarkus-test.log}) holds none of the
 * tokens, passwords and client secrets the tests used. Runs after the unit tests, in the integration-test phase.
 */
class SecretsInLogIT {

    /** Secrets the tests send or configure. */
    private static final List<String> SECRETS = List.of("test-api-token-0123456789abcdef0123456789",
            "emulator-token-not-a-secret-0123456789", "smoke-password-not-a-secret", "hostile-password-secret",
            "smtp-password-not-a-secret", "greenmail-password-not-a-secret",
            "test-service-token-not-a-secret-0123456789", "example-admin-password-not-a-secret",
            "alice-password-not-a-secret", "alice-new-password-not-a-secret",
            "smtp-password-from-a-file-not-a-secret", "bob-password-long", "client-token-not-a-secret",
            "no-such-token-0123456789abcdef", "a-token-of-thirty-two-characters", "correct horse battery");
    /** The SHA-256 of a client's token, as a clients file holds it: 64 hex digits. */
    private static final Pattern TOKEN_HASH = Pattern.compile("(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])");
    /** A client secret as authentik (and the emulator) generates it: 128 letters and digits. */
    private static final Pattern CLIENT_SECRET = Pattern.compile("(?<![A-Za-z0-9])[A-Za-z0-9]{128}(?![A-Za-z0-9])");

    @Test
    void theTestRunsLogHoldsNoSecret() throws Exception {
        String text = TestLog.read();
        assertThat(text.lines().count()).as("the tests' log lines").isPositive();
        List<String> found = new ArrayList<>();
        SECRETS.stream().filter(text::contains).forEach(s -> found.add("'" + s.substring(0, 8) + "…'"));
        Matcher hash = TOKEN_HASH.matcher(text);
        if (hash.find()) {
            found.add("a 64-digit hash near: " + text.substring(Math.max(0, hash.start() - 80), hash.start()));
        }
        Matcher m = CLIENT_SECRET.matcher(text);
        if (m.find()) {
            found.add("a 128-character client secret near: " + text.substring(Math.max(0, m.start() - 80), m.start()));
        }
        System.out.printf("scanned %d lines of the test run's log for %d secrets%n", text.lines().count(),
                SECRETS.size() + 1);
        assertThat(found).as("secrets in " + TestLog.PATH).isEmpty();
    }
}
