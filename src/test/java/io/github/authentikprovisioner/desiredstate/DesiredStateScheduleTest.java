package io.github.authentikprovisioner.desiredstate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.github.authentikprovisioner.ApiTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The scheduler is off in tests; its method is called directly. */
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
    void aBrokenFileIsReportedNotThrown() throws Exception {
        Files.writeString(FILE, "- servarr: {password: '${UNSET_VARIABLE_FOR_TEST}'}\n");
        schedule.reconcile();
        assertThat(schedule.lastRun().orElseThrow().error()).contains("[0].servarr");
        assertThat(emulator.calls().all()).isEmpty();
    }
}
