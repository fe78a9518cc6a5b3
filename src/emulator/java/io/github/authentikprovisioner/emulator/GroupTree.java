package io.github.authentikprovisioner.emulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * authentik's group hierarchy (2026.2: a many-to-many {@code parents} through {@code GroupParentageNode}, its
 * transitive closure the materialized view {@code authentik_core_groupancestry}, a recursive {@code UNION} that ends
 * on cycles; authentik/core/models.py, migration 0055), and what it decides:
 * <ul>
 * <li>{@code User.is_superuser}: any of {@code all_groups()}, the user's groups <em>with their ancestors</em>, has
 * {@code is_superuser};</li>
 * <li>{@code Group.is_member(user)}, which a policy binding to a group asks: the group is among the user's
 * {@code all_groups()};</li>
 * <li>the {@code ?is_superuser=} filter of {@code /core/users/}, which looks at the user's <em>direct</em> groups
 * only ({@code UsersFilter.filter_is_superuser}: {@code groups__is_superuser=True}, authentik/core/api/users.py).</li>
 * </ul>
 */
final class GroupTree {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Store store;

    GroupTree(Store store) {
        this.store = store;
    }

    /** {@code GroupQuerySet.with_ancestors()}: these groups and every group above them, each once. */
    List<ObjectNode> withAncestors(List<ObjectNode> groups) {
        Map<String, ObjectNode> byPk = byPk();
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        Deque<ObjectNode> todo = new ArrayDeque<>(groups);
        while (!todo.isEmpty()) {
            ObjectNode g = todo.removeFirst();
            if (out.putIfAbsent(g.get("pk").asText(), g) != null) {
                continue; // seen: a cycle, or two paths to one ancestor
            }
            for (JsonNode parent : g.withArray("parents")) {
                ObjectNode p = byPk.get(parent.asText());
                if (p != null) {
                    todo.addLast(p);
                }
            }
        }
        return new ArrayList<>(out.values());
    }

    /** The groups the user is a direct member of ({@code user.groups}). */
    List<ObjectNode> directGroups(ObjectNode user) {
        return groups().stream().filter(g -> JsonArrays.contains(g.get("users"), user.get("pk"))).toList();
    }

    /** {@code User.all_groups()}. */
    List<ObjectNode> allGroups(ObjectNode user) {
        return withAncestors(directGroups(user));
    }

    /** {@code User.is_superuser}: through the user's groups and their ancestors. */
    boolean isSuperuser(ObjectNode user) {
        return allGroups(user).stream().anyMatch(g -> g.path("is_superuser").asBoolean());
    }

    /** What {@code ?is_superuser=} of the user list compares with: a direct group with the flag. */
    boolean directlySuperuser(ObjectNode user) {
        return directGroups(user).stream().anyMatch(g -> g.path("is_superuser").asBoolean());
    }

    /** {@code Group.is_member(user)}. */
    boolean isMember(ObjectNode group, ObjectNode user) {
        String pk = group.get("pk").asText();
        return allGroups(user).stream().anyMatch(g -> g.get("pk").asText().equals(pk));
    }

    /** The groups whose {@code parents} hold this one: the reverse relation {@code children}. */
    List<ObjectNode> children(ObjectNode group) {
        return groups().stream().filter(g -> JsonArrays.contains(g.get("parents"), group.get("pk"))).toList();
    }

    /** The parents of a group that still exist. */
    List<ObjectNode> parents(ObjectNode group) {
        Map<String, ObjectNode> byPk = byPk();
        List<ObjectNode> out = new ArrayList<>();
        group.withArray("parents").forEach(p -> {
            if (byPk.containsKey(p.asText())) {
                out.add(byPk.get(p.asText()));
            }
        });
        return out;
    }

    /** {@code RelatedGroupSerializer} of each group. */
    static ArrayNode related(List<ObjectNode> groups) {
        ArrayNode out = JSON.createArrayNode();
        for (ObjectNode g : groups) {
            ObjectNode r = out.addObject();
            r.set("pk", g.get("pk"));
            r.put("name", g.path("name").asText());
            r.put("is_superuser", g.path("is_superuser").asBoolean());
            r.set("attributes", g.path("attributes").isObject() ? g.get("attributes") : JSON.createObjectNode());
            r.set("group_uuid", g.get("pk"));
        }
        return out;
    }

    private List<ObjectNode> groups() {
        return store.list(store.catalog.byPath("core/groups").orElseThrow());
    }

    private Map<String, ObjectNode> byPk() {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        groups().forEach(g -> out.put(g.get("pk").asText(), g));
        return out;
    }
}
