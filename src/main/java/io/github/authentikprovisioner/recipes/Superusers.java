package io.github.authentikprovisioner.recipes;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Who authentik makes a superuser, decided from the group list every session already holds (one read, whatever the
 * depth): a user is a superuser when any of its groups <em>or their ancestors</em> has {@code is_superuser}
 * ({@code User.is_superuser} over {@code all_groups()}, {@code GroupQuerySet.with_ancestors()}:
 * authentik/core/models.py). A group's own flag is not enough: a child of {@code authentik Admins} has
 * {@code is_superuser: false} and still makes every member a superuser. Parents are the many-to-many {@code parents}
 * of 2026.2's GroupSerializer; cycles end, as the ancestry view's recursive {@code UNION} ends on them.
 */
public final class Superusers {

    private final Map<String, ObjectNode> groupsByPk;

    private Superusers(Map<String, ObjectNode> groupsByPk) {
        this.groupsByPk = groupsByPk;
    }

    /** Over every group of the instance, as {@code /core/groups/} lists them ({@code pk}, {@code parents}). */
    public static Superusers of(List<ObjectNode> groups) {
        Map<String, ObjectNode> byPk = new LinkedHashMap<>();
        groups.forEach(g -> byPk.put(g.path("pk").asText(), g));
        return new Superusers(byPk);
    }

    /**
     * The group that makes members of {@code group} superusers: the group itself when its own flag is set, else the
     * nearest ancestor with the flag (breadth first); empty when membership grants nothing.
     */
    public Optional<ObjectNode> grantedBy(ObjectNode group) {
        Set<String> seen = new HashSet<>();
        Deque<ObjectNode> todo = new ArrayDeque<>(List.of(group));
        while (!todo.isEmpty()) {
            ObjectNode g = todo.removeFirst();
            if (!seen.add(g.path("pk").asText())) {
                continue;
            }
            if (g.path("is_superuser").asBoolean()) {
                return Optional.of(g);
            }
            for (JsonNode parent : g.path("parents")) {
                ObjectNode p = groupsByPk.get(parent.asText());
                if (p != null) {
                    todo.addLast(p);
                }
            }
        }
        return Optional.empty();
    }

    /** Whether membership of {@code group} makes a user a superuser. */
    public boolean grantsSuperuser(ObjectNode group) {
        return grantedBy(group).isPresent();
    }

    /** Whether {@code user} is a superuser through one of its groups ({@code groups}: their pks, as listed). */
    public boolean isSuperuser(ObjectNode user) {
        for (JsonNode pk : user.path("groups")) {
            ObjectNode g = groupsByPk.get(pk.asText());
            if (g != null && grantsSuperuser(g)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Why members of {@code group} would be superusers, for a refusal: "is a superuser group" or "is below the
     * superuser group 'X'"; empty when they would not.
     */
    public Optional<String> why(ObjectNode group) {
        return grantedBy(group).map(by -> by == group || by.path("pk").asText().equals(group.path("pk").asText())
                ? "is a superuser group"
                : "is below the superuser group '" + by.path("name").asText() + "' (its members are superusers "
                        + "through it)");
    }
}
