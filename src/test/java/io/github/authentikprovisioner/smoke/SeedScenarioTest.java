package io.github.authentikprovisioner.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.authentikprovisioner.ApiTestSupport;
import io.github.authentikprovisioner.authentik.Authentik;
import io.quarkus.test.junit.QuarkusTest;

/** The smoke scenario against the emulator: the same code {@code SmokeTest} runs against a real authentik. */
@QuarkusTest
class SeedScenarioTest extends ApiTestSupport {

    @Inject
    Authentik authentik;

    @Test
    void theSeedRunsThenRunsAgainWithoutWritesAndTakesItsObjectsAway() {
        List<SeedScenario.Row> rows = new SeedScenario(API_TOKEN, authentik, true).run();

        assertThat(rows).as(SeedScenario.table(rows)).allSatisfy(r -> assertThat(r.http()).isLessThan(300));
        assertThat(rows).filteredOn(r -> r.round().equals("again")).hasSize(SeedScenario.steps().size())
                .allSatisfy(r -> assertThat(r.writes()).as(r.step()).isZero());
        assertThat(rows).filteredOn(r -> r.round().equals("delete")).extracting(SeedScenario.Row::status)
                .contains("deleted");
        assertThat(emulator.list("/core/applications/?superuser_full_list=true"))
                .noneMatch(a -> a.get("slug").asText().matches(SeedScenario.PREFIX + "-(sonarr|wiki|nextcloud)"));
        assertThat(emulator.list("/core/groups/")).noneMatch(g -> g.get("name").asText().startsWith(SeedScenario.PREFIX)
                && !g.get("name").asText().endsWith(" Users"));
    }

    @Test
    void anObjectOfAScenarioNameThatItDidNotCreateStopsItBeforeAnyWrite() {
        emulator.create("/core/groups/", new ObjectMapper().createObjectNode()
                .put("name", SeedScenario.PREFIX + " wiki users"));
        emulator.calls().clear();

        assertThatThrownBy(() -> new SeedScenario(API_TOKEN, authentik, true).run())
                .isInstanceOf(SeedScenario.Refused.class).hasMessageContaining(SeedScenario.PREFIX + " wiki users");
        assertThat(emulator.calls().writes()).isZero();
    }
}
