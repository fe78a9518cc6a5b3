package io.github.authentikprovisioner.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.authentikprovisioner.ApiTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Lists are paged through to the end ({pagination.next} until 0), here with pages of two objects. */
@QuarkusTest
@TestProfile(PagingTest.SmallPages.class)
class PagingTest extends ApiTestSupport {

    public static class SmallPages implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("authentik.page-size", "2");
        }
    }

    @Test
    void everyPageIsRead() {
        for (String slug : new String[] { "a1", "a2", "a3", "a4", "a5" }) {
            api().body(servarrApp(slug, "pw")).post("/apps/servarr").then().statusCode(201);
        }
        emulator.calls().clear();
        api().get("/apps/servarr").then().statusCode(200).body("$", hasSize(5));
        assertThat(emulator.calls().all()).anySatisfy(c -> {
            assertThat(c.path()).isEqualTo("/core/applications/");
            assertThat(c.query()).contains("page=3");
        });
    }

    @Test
    void injectedErrorRateAndLatencyAreApplied() {
        emulator.faults().errorRate(1.0, 502);
        api().body("{\"cookieDomain\": \"example.com\"}").put("/forward-auth").then().statusCode(503);
        emulator.faults().clear().latency(java.time.Duration.ofMillis(300));
        long start = System.nanoTime();
        emulator.calls().clear();
        api().get("/traefik/dynamic-config").then().statusCode(200);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(emulator.calls().all().size() * 300_000_000L);
        emulator.faults().clear();
    }
}
