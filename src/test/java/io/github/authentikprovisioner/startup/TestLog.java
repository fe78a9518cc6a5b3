package io.github.authentikprovisioner.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/** The whole test run's log: every {@code @QuarkusTest} of this build writes {@code target/quarkus-test.log}. */
final class TestLog {

    static final Path PATH = Path.of("target/quarkus-test.log");

    private TestLog() {
    }

    /** The log's text, rotated parts included; skips the caller when a partial local run started no Quarkus test. */
    static String read() throws IOException {
        if (!"true".equals(System.getenv("CI"))) {
            // a partial local run (-Dtest=...) may have started no Quarkus test; CI always runs them all
            Assumptions.assumeTrue(Files.exists(PATH) && Files.size(PATH) > 0, "no Quarkus test ran in this build");
        }
        assertThat(PATH).as("written by the tests of this build").exists();
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(PATH.getParent())) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("quarkus-test.log")).toList()) {
                all.append(Files.readString(f));
            }
        }
        return all.toString();
    }
}
