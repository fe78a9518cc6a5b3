package io.github.authentikprovisioner.outposthealth;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.recipes.Gates;
import io.github.authentikprovisioner.recipes.ManagedApplication;

/**
 * The applications this service manages that nobody can open although they are served: gated by groups only, and
 * not one of those groups (mode "any"), or not each of them (mode "all"), has an active member
 * (authentik/policies/engine.py). Bindings to users or policies, or negated ones, cannot be judged here: such an app
 * is left out. Pure.
 */
final class ClosedApps {

    private ClosedApps() {
    }

    static List<OutpostHealthReport.ClosedApp> of(List<ObjectNode> applications, List<ObjectNode> bindings,
            List<ObjectNode> groups, List<ObjectNode> users) {
        Map<String, ObjectNode> usersByPk = new HashMap<>();
        users.forEach(u -> usersByPk.put(u.path("pk").asText(), u));
        Map<String, ObjectNode> groupsByPk = new HashMap<>();
        groups.forEach(g -> groupsByPk.put(g.path("pk").asText(), g));
        List<OutpostHealthReport.ClosedApp> out = new ArrayList<>();
        for (ObjectNode app : applications) {
            if (!ManagedApplication.isOurs(app)) {
                continue;
            }
            List<ObjectNode> gates = bindings.stream()
                    .filter(b -> b.path("target").asText().equals(app.path("pk").asText()))
                    .filter(b -> b.path("enabled").asBoolean(true)).toList();
            boolean groupsOnly = !gates.isEmpty() && gates.stream().allMatch(b -> b.hasNonNull("group")
                    && !b.hasNonNull("user") && !b.hasNonNull("policy") && !b.path("negate").asBoolean());
            if (!groupsOnly) {
                continue;
            }
            List<String> empty = new ArrayList<>();
            for (ObjectNode b : gates) {
                ObjectNode g = groupsByPk.get(b.path("group").asText());
                if (g != null && !Gates.anyActive(g, usersByPk)) {
                    empty.add(g.path("name").asText());
                }
            }
            boolean all = "all".equals(app.path("policy_engine_mode").asText("any"));
            if (all ? !empty.isEmpty() : empty.size() == gates.size()) {
                out.add(new OutpostHealthReport.ClosedApp(app.path("slug").asText(), List.copyOf(empty),
                        "no active member in " + String.join(", ", empty) + ": nobody can open '"
                                + app.path("slug").asText() + "'; PUT /users/{username} with groups"));
            }
        }
        return out;
    }
}
