package io.github.authentikprovisioner.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.github.authentikprovisioner.ApiTestSupport;
import io.github.authentikprovisioner.authentik.Authentik;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The seed scenario against a real authentik, for people who have one:
 * {@code ./mvnw test -Psmoke -Dsmoke.authentik.url=https://auth.example.com -Dsmoke.authentik.token=...}. Tagged
 * {@code smoke}, so the ordinary test run (and CI, which has no authentik) leaves it out. It prints, and writes to
 * {@code target/smoke-report.md}, a table of every call with its status, reads and writes. Recipes that change
 * objects of a fresh install (login, security, forward auth on the embedded outpost) are only planned unless
 * {@code -Dsmoke.touchDefaults=true} says the instance is a throwaway one.
 */
@Tag("smoke")
@QuarkusTest
@TestProfile(SmokeTest.RealAuthentik.class)
class SmokeTest {

    /** This service, pointed at the authentik the command line names. */
    public static class RealAuthentik implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String url = System.getProperty("smoke.authentik.url", "");
            if (!configured()) {
                return Map.of(); // the test then says what to set; the profile must not fail while JUnit discovers
            }
            String publicUrl = System.getProperty("smoke.authentik.public-url", "");
            return Map.of("authentik.url", url, "authentik.token", System.getProperty("smoke.authentik.token"),
                    "authentik.public-url", publicUrl.isBlank() || publicUrl.startsWith("$") ? url : publicUrl,
                    "quarkus.rest-client.authentik.read-timeout", "30000");
        }

        static boolean configured() {
            return List.of("smoke.authentik.url", "smoke.authentik.token").stream()
                    .allMatch(p -> !System.getProperty(p, "").isBlank() && !System.getProperty(p).startsWith("$"));
        }
    }

    @Inject
    Authentik authentik;

    @Test
    void theSeedAgainstARealAuthentik() throws Exception {
        assertThat(RealAuthentik.configured()).as("set -Dsmoke.authentik.url and -Dsmoke.authentik.token "
                + "(README: smoke run against a real authentik)").isTrue();
        List<SeedScenario.Row> rows = new SeedScenario(ApiTestSupport.API_TOKEN, authentik,
                Boolean.getBoolean("smoke.touchDefaults")).run();
        String table = SeedScenario.table(rows);
        System.out.println(table);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/smoke-report.md"), table);
        assertThat(rows).as(table).allSatisfy(r -> assertThat(r.http()).isLessThan(300));
        assertThat(rows).filteredOn(r -> r.round().equals("again")).allSatisfy(r -> assertThat(r.writes()).isZero());
    }
}
