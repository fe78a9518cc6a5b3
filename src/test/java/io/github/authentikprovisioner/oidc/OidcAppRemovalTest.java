package io.github.authentikprovisioner.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.reconcile.Desired;

/** What a DELETE removes and keeps, decided without authentik. */
class OidcAppRemovalTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everythingOfTheApplicationGoesWhenNothingElseNeedsIt() {
        ObjectNode provider = JSON.createObjectNode().put("pk", 7).put("name", "Nextcloud Provider");
        OidcAppRemoval removal = OidcAppRemoval.of("nextcloud", "app-pk", Optional.of(provider),
                Map.of("Nextcloud Profile", false), List.of(group("g1", "nextcloud Users", "access")), List.of());
        assertThat(removal.desired()).allMatch(d -> d instanceof Desired.Absent)
                .extracting(d -> d.kind().label() + " " + d.name())
                .containsExactly("application nextcloud", "oauth2-provider Nextcloud Provider",
                        "scope-mapping Nextcloud Profile", "group nextcloud Users");
        assertThat(removal.kept()).isEmpty();
    }

    @Test
    void whatSomethingElseNeedsStaysAndOnlyLosesTheMarker() {
        ObjectNode withMembers = group("g1", "nextcloud Admins", "admin");
        withMembers.putArray("users").add(3);
        ObjectNode sharedMarker = group("g2", "nextcloud Users", "access");
        sharedMarker.with("attributes").put(OidcAppRecipe.marker("other"), "access");
        ObjectNode boundElsewhere = group("g3", "staff", "access");
        ObjectNode binding = JSON.createObjectNode().put("group", "g3").put("target", "another-target");
        OidcAppRemoval removal = OidcAppRemoval.of("nextcloud", "app-pk", Optional.empty(),
                Map.of("Nextcloud Profile", true), List.of(withMembers, sharedMarker, boundElsewhere), List.of(binding));
        assertThat(removal.kept()).extracting(k -> k.name() + ": " + k.reason()).containsExactly(
                "Nextcloud Profile: used by another provider", "nextcloud Admins: has members",
                "nextcloud Users: used by the application 'other'", "staff: bound to another object");
        assertThat(removal.desired()).filteredOn(d -> d.kind() == Kind.GROUP)
                .allMatch(d -> d instanceof Desired.Present).hasSize(3);
        assertThat(removal.desired()).extracting(d -> d.kind().label()).doesNotContain("oauth2-provider",
                "scope-mapping");
    }

    private static ObjectNode group(String pk, String name, String role) {
        ObjectNode group = JSON.createObjectNode().put("pk", pk).put("name", name);
        group.putObject("attributes").put(OidcAppRecipe.marker("nextcloud"), role);
        return group;
    }
}
