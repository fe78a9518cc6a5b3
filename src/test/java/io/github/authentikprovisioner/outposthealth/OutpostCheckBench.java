package io.github.authentikprovisioner.outposthealth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.ApiTestSupport;
import io.github.authentikprovisioner.bench.BenchReport;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What one outpost check of 50 protected hosts (each with one skip path) costs against the emulator: authentik calls,
 * probes, and wall time (median of 15 checks, schema checks off so their CPU time is not counted as authentik's).
 * Run with {@code ./mvnw -Pbench verify}; writes {@code target/bench/outposts.md}.
 */
@QuarkusTest
@Tag("bench")
class OutpostCheckBench extends ApiTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HOSTS = 50;
    private static final int RUNS = 15;

    @Inject
    OutpostHealthService service;

    @Test
    void fiftyHosts() {
        service.startOver();
        String implicit = emulator.get("/flows/instances/default-provider-authorization-implicit-consent/").get("pk")
                .asText();
        String invalidation = emulator.get("/flows/instances/default-provider-invalidation-flow/").get("pk").asText();
        ObjectNode outpost = JSON.createObjectNode();
        for (int i = 0; i < HOSTS; i++) {
            JsonNode p = emulator.create("/providers/proxy/", JSON.createObjectNode().put("name", "App " + i)
                    .put("mode", "forward_single").put("external_host", "https://app" + i + ".example.com")
                    .put("skip_path_regex", "^/api/.*").put("authorization_flow", implicit)
                    .put("invalidation_flow", invalidation));
            emulator.create("/core/applications/", JSON.createObjectNode().put("name", "App " + i)
                    .put("slug", "app" + i).put("provider", p.get("pk").asInt())
                    .put("meta_publisher", "authentik-provisioner"));
            outpost.withArray("providers").add(p.get("pk").asInt());
        }
        String embedded = emulator.list("/outposts/instances/?managed__iexact=goauthentik.io/outposts/embedded")
                .getFirst().get("pk").asText();
        ObjectNode config = (ObjectNode) emulator.get("/outposts/instances/" + embedded + "/").get("config");
        outpost.set("config", config.put("authentik_host", "https://auth.example.com"));
        emulator.patch("/outposts/instances/" + embedded + "/", outpost);
        emulator.outposts().refreshNow();
        emulator.validating(false);

        List<Long> wall = new ArrayList<>();
        OutpostHealthReport last = null;
        for (int run = 0; run < RUNS; run++) {
            long start = System.nanoTime();
            last = service.checkNow();
            wall.add((System.nanoTime() - start) / 1_000_000);
        }
        assertThat(last.status()).isEqualTo(HealthStatus.HEALTHY);
        List<Long> sorted = wall.stream().sorted().toList();
        long median = sorted.get(RUNS / 2);
        ObjectNode json = JSON.createObjectNode().put("hosts", HOSTS).put("reads", last.authentikCalls().reads())
                .put("writes", last.authentikCalls().writes()).put("probes", last.probes()).put("medianMs", median)
                .put("minMs", sorted.getFirst()).put("maxMs", sorted.getLast());
        String md = """
                ## Outpost check

                | protected hosts | authentik reads | writes | forward-auth probes | wall ms (median of %d) | min | max |
                |---:|---:|---:|---:|---:|---:|---:|
                | %d | %d | %d | %d | %d | %d | %d |
                """.formatted(RUNS, HOSTS, last.authentikCalls().reads(), last.authentikCalls().writes(), last.probes(),
                median, sorted.getFirst(), sorted.getLast());
        BenchReport.write("outposts", json, md);
    }
}
