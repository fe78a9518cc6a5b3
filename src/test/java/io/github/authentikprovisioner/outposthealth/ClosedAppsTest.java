package io.github.authentikprovisioner.outposthealth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.recipes.Managed;

/** Which served apps nobody can open: judged from group gates only. */
class ClosedAppsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anAppIsClosedWhenNoGateGroupHasAnActiveMember() {
        ObjectNode users = group("g1", "nextcloud Users", 7);
        ObjectNode family = group("g2", "Family");
        List<ObjectNode> people = List.of(JSON.createObjectNode().put("pk", 7).put("is_active", false));
        List<ObjectNode> apps = List.of(app("a1", "nextcloud", "any"), app("a2", "wiki", "all"),
                app("a3", "open", "any"));
        List<ObjectNode> bindings = List.of(binding("a1", "g1"), binding("a1", "g2"), binding("a2", "g2"));

        assertThat(ClosedApps.of(apps, bindings, List.of(users, family), people))
                .extracting(OutpostHealthReport.ClosedApp::slug).containsExactly("nextcloud", "wiki");
        List<ObjectNode> active = List.of(JSON.createObjectNode().put("pk", 7).put("is_active", true));
        assertThat(ClosedApps.of(apps, bindings, List.of(users, family), active))
                .extracting(OutpostHealthReport.ClosedApp::slug).containsExactly("wiki");
    }

    @Test
    void anAppWithAUserOrPolicyBindingIsNotJudged() {
        ObjectNode userBinding = JSON.createObjectNode().put("target", "a1").put("user", 3).put("enabled", true);
        assertThat(ClosedApps.of(List.of(app("a1", "nextcloud", "any")), List.of(userBinding, binding("a1", "g1")),
                List.of(group("g1", "nextcloud Users")), List.of())).isEmpty();
    }

    private static ObjectNode app(String pk, String slug, String mode) {
        return JSON.createObjectNode().put("pk", pk).put("slug", slug).put("policy_engine_mode", mode)
                .put("meta_publisher", Managed.PUBLISHER);
    }

    private static ObjectNode binding(String target, String group) {
        return JSON.createObjectNode().put("target", target).put("group", group).put("enabled", true);
    }

    private static ObjectNode group(String pk, String name, int... members) {
        ObjectNode g = JSON.createObjectNode().put("pk", pk).put("name", name);
        var users = g.putArray("users");
        for (int m : members) {
            users.add(m);
        }
        return g;
    }
}
