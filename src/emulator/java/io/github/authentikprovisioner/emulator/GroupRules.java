package io.github.authentikprovisioner.emulator;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.emulator.Hooks.ActionCall;
import io.github.authentikprovisioner.emulator.Hooks.Write;

/**
 * The rules of {@code core/groups}: GroupSerializer and GroupViewSet (authentik/core/api/groups.py) over the Group
 * model (authentik/core/models.py). Members are stored as the group's {@code users}.
 */
final class GroupRules {

    private GroupRules() {
    }

    /**
     * GroupSerializer (authentik/core/api/groups.py): {@code parents} as stored, {@code children} the reverse
     * relation (read-only), the {@code *_obj} fields in full; {@link Listing#answer} then nulls those the request
     * did not ask for (the row's {@link Collection#include}).
     */
    static void answerFields(Renderer r, ObjectNode stored, ObjectNode o) {
        GroupTree groups = r.groups();
        o.put("num_pk", stored.path("num_pk").asInt());
        o.set("parents_obj", GroupTree.related(groups.parents(stored)));
        ArrayNode users = o.putArray("users_obj");
        for (JsonNode pk : stored.withArray("users")) {
            r.store.inPool(Catalog.USER, pk.asText()).ifPresent(u -> users.add(r.partialUser(u.object())));
        }
        o.putArray("roles_obj");
        o.putArray("inherited_roles_obj");
        List<ObjectNode> children = groups.children(stored);
        ArrayNode childPks = o.putArray("children");
        children.forEach(g -> childPks.add(g.get("pk")));
        o.set("children_obj", GroupTree.related(children));
    }

    /** add_user: the user by pk becomes a member (once); an unknown user is a 404. */
    static Reply addUser(ActionCall call) {
        member(call);
        ArrayNode users = call.object().withArray("users");
        if (!JsonArrays.contains(users, call.body().get("pk"))) {
            users.add(call.body().get("pk").asInt());
        }
        return Reply.noContent();
    }

    /** remove_user: the user by pk is no member any more; an unknown user is a 404. */
    static Reply removeUser(ActionCall call) {
        String userPk = member(call);
        ArrayNode users = call.object().withArray("users");
        for (int i = users.size() - 1; i >= 0; i--) {
            if (users.get(i).asText().equals(userPk)) {
                users.remove(i);
            }
        }
        return Reply.noContent();
    }

    /** The pk of the user the body names, which must exist. */
    private static String member(ActionCall call) {
        String userPk = DrfInput.object(call.body()).path("pk").asText();
        if (call.ctx().store.inPool(Catalog.USER, userPk).isEmpty()) {
            throw ApiError.detail(404, "User not found");
        }
        return userPk;
    }

    /**
     * The members sent, each once: an update stores them so; a create has built its object from the request before
     * validation, and keeps them as sent.
     */
    static void distinctUsers(Write w) {
        if (w.attrs().has("users")) {
            w.attrs().set("users", JsonArrays.distinct(w.attrs().withArray("users")));
        }
    }

    /** The next numeric pk, after the highest stored (1000 before any). */
    static void numericPk(Write w) {
        w.merged().put("num_pk", w.store().all(w.collection()).mapToInt(g -> g.path("num_pk").asInt()).max()
                .orElse(1000) + 1);
    }

    /** A group deleted takes its policy bindings along. */
    static void deleted(RuleContext ctx, String pk) {
        Collection bindings = ctx.collection("policies/bindings");
        ctx.store.list(bindings).stream().filter(b -> b.path("group").asText().equals(pk))
                .forEach(b -> ctx.delete(bindings, b));
    }
}
