package io.github.authentikprovisioner.desiredstate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.github.authentikprovisioner.ApiTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** The scheduler is off in tests; its methods are called directly, or every second from a thread as it would. */
@QuarkusTest
@TestProfile(DesiredStateScheduleTest.WithFile.class)
class DesiredStateScheduleTest extends ApiTestSupport {

    static final Path FILE = Path.of("target/test-desired-state.yaml");

    public static class WithFile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("provisioner.desired-state-file", FILE.toAbsolutePath().toString());
        }
    }

    @Inject
    DesiredStateSchedule schedule;

    @Test
    void appliesTheFileAndPutsBackDriftOnTheNextRun() throws Exception {
        Files.writeString(FILE, "- forwardAuth: {cookieDomain: example.com, tokenValidity: '${TOKEN_VALIDITY:-hours=12}'}\n");
        schedule.reconcile();
        var provider = emulator.list("/providers/proxy/").getFirst();
        assertThat(provider.get("access_token_validity").asText()).isEqualTo("hours=12");
        assertThat(schedule.lastRun()).hasValueSatisfying(r -> assertThat(r.report().status().json()).isEqualTo("created"));

        // someone changes a managed field by hand
        emulator.patch("/providers/proxy/" + provider.get("pk").asText() + "/",
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                        .put("mode", "forward_domain").put("cookie_domain", "evil.example"));
        schedule.reconcile();
        assertThat(emulator.list("/providers/proxy/").getFirst().get("cookie_domain").asText()).isEqualTo("example.com");
        assertThat(schedule.lastRun().orElseThrow().report().status().json()).isEqualTo("updated");

        emulator.calls().clear();
        schedule.reconcile();
        assertThat(emulator.calls().writes()).isZero();
    }

    @Inject
    DesiredStateApplier applier;

    @Test
    void theWholeGuideAsTheExampleFileConvergesAndThenWritesNothing() throws Exception {
        handOverToServiceAccount();
        var entries = ExampleDocumentTest.example();
        assertThat(entries).extracting(DesiredStateDocument.Entry::recipe).contains("admin", "forwardAuth", "login",
                "passwordPolicy", "mfa", "recovery", "invitationEnrollment", "servarr", "oidc");

        DesiredStateReport plan = applier.apply(entries, true);
        assertThat(plan.status().json()).isEqualTo("planned");
        assertThat(emulator.calls().writes()).isZero();

        DesiredStateReport applied = applier.apply(entries, false);
        assertThat(applied.status().json()).isEqualTo("created");
        emulator.calls().clear();
        DesiredStateReport again = applier.apply(entries, false);
        assertThat(again.status().json()).isEqualTo("unchanged");
        assertThat(emulator.calls().writes()).isZero();
        assertThat(again.authentikCalls().writes()).isZero();
    }

    @Test
    void aDocumentSharesOneSessionSoDefaultObjectsAreReadOnce() throws Exception {
        handOverToServiceAccount();
        var entries = ExampleDocumentTest.example();
        applier.apply(entries, false);
        emulator.calls().clear();

        DesiredStateReport again = applier.apply(entries, false);
        // every kind in one list read for the whole document instead of one per entry and lookup
        assertThat(emulator.calls().count(c -> c.path().equals("/flows/instances/"))).isEqualTo(1);
        assertThat(emulator.calls().count(c -> c.path().equals("/propertymappings/provider/scope/"))).isEqualTo(1);
        assertThat(emulator.calls().count(c -> c.path().equals("/crypto/certificatekeypairs/"))).isEqualTo(1);
        assertThat(again.authentikCalls().reads()).isEqualTo((int) emulator.calls().reads())
                .isEqualTo(again.entries().stream().mapToInt(e -> e.authentikCalls().reads()).sum());
        assertThat(again.authentikCalls().reads()).as("converged example document").isLessThanOrEqualTo(25);
    }

    @Test
    void aBrokenFileIsReportedNotThrownAndTriedAgainOnlyAnIntervalLater() throws Exception {
        Files.writeString(FILE, "- servarr: {password: '${UNSET_VARIABLE_FOR_TEST}'}\n");
        schedule.startOver();
        schedule.tick();
        DesiredStateSchedule.LastRun run = schedule.lastRun().orElseThrow();
        assertThat(run.error()).contains("[0].servarr");
        assertThat(run.waitingForAuthentik()).isNull();
        assertThat(Duration.between(run.at(), run.nextRunAt())).isEqualTo(Duration.ofMinutes(5));
        assertThat(emulator.calls().all()).isEmpty();

        schedule.tick(); // not due: a broken document does not spin
        assertThat(schedule.lastRun()).containsSame(run);
    }

    @Test
    void theFileIsAppliedWithin5sOfAuthentikComingUpAfterBeingDownAtStart() throws Exception {
        Files.writeString(FILE, "- forwardAuth: {cookieDomain: example.com}\n");
        emulator.faults().down(true);
        schedule.startOver();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread scheduler = Thread.ofPlatform().daemon().start(() -> {
            while (running.get()) {
                schedule.tick();
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        try {
            // authentik down: the attempts so far, the last one's error, and the next one 2 s after the second
            JsonPath waiting = awaitLastRun(r -> r.get("waitingForAuthentik") != null
                    && r.getInt("waitingForAuthentik.attempts") == 2);
            assertThat(waiting.getString("error")).contains("[0].forwardAuth");
            assertThat(waiting.getString("report")).isNull();
            Instant since = Instant.parse(waiting.getString("waitingForAuthentik.since"));
            Instant at = Instant.parse(waiting.getString("at"));
            assertThat(since).isBefore(at);
            assertThat(Duration.between(at, Instant.parse(waiting.getString("nextRunAt")))).isEqualTo(Duration.ofSeconds(2));
            assertThat(emulator.list("/providers/proxy/")).isEmpty();

            Instant up = Instant.now();
            emulator.faults().down(false);
            JsonPath applied = awaitLastRun(r -> r.getString("report") != null);
            Instant appliedAt = Instant.parse(applied.getString("at"));
            assertThat(Duration.between(up, appliedAt)).isLessThanOrEqualTo(Duration.ofSeconds(5));
            assertThat(applied.getString("report.status")).isEqualTo("created");
            assertThat(applied.getString("error")).isNull();
            assertThat(applied.getString("waitingForAuthentik")).isNull();
            assertThat(Duration.between(appliedAt, Instant.parse(applied.getString("nextRunAt"))))
                    .isEqualTo(Duration.ofMinutes(5));
            assertThat(emulator.list("/providers/proxy/")).extracting(p -> p.get("cookie_domain").asText())
                    .containsExactly("example.com");
        } finally {
            running.set(false);
            scheduler.interrupt();
            scheduler.join();
        }
    }

    /** Polls GET /desired-state/last-run until it answers and {@code condition} holds (at most 30 s). */
    private static JsonPath awaitLastRun(Predicate<JsonPath> condition) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            Response r = api().get("/desired-state/last-run");
            if (r.statusCode() == 200 && condition.test(r.jsonPath())) {
                return r.jsonPath();
            }
            assertThat(System.nanoTime()).as("last-run never got there: %s", r.asString()).isLessThan(until);
            Thread.sleep(50);
        }
    }
}
