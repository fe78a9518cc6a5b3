package io.github.authentikprovisioner.emulator;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.emulator.Hooks.ActionCall;
import io.github.authentikprovisioner.emulator.Hooks.Saved;
import io.github.authentikprovisioner.emulator.Hooks.Write;

/**
 * The rules of {@code core/users}: UserSerializer and UserViewSet (authentik/core/api/users.py) over the User model
 * (authentik/core/models.py). Group membership is one relation, stored as the groups' {@code users}.
 */
final class UserRules {

    private static final ObjectMapper JSON = new ObjectMapper();

    private UserRules() {
    }

    /** SessionUserSerializer of request.user, the token's user (authentik/core/api/users.py user_me). */
    static Reply me(ActionCall call) {
        return Reply.ok(JSON.createObjectNode().set("user", self(call.ctx().renderer, call.ctx().caller())));
    }

    /** UserSelfSerializer: the user as users/me answers it. */
    static ObjectNode self(Renderer r, ObjectNode user) {
        ObjectNode o = r.full(r.collection("core/users"), user);
        // UserSelfSerializer.get_groups: all_groups() ordered by name (authentik/core/api/users.py)
        ArrayNode all = JSON.createArrayNode();
        r.groups().allGroups(user).stream().sorted(Comparator.comparing(g -> g.get("name").asText()))
                .forEach(g -> all.addObject().put("name", g.get("name").asText()).put("pk", g.get("pk").asText()));
        o.set("groups", all);
        o.putArray("roles");
        o.putObject("settings");
        o.putArray("system_permissions");
        return r.project(o, "UserSelf");
    }

    /** The direct groups (pks and partial objects), is_superuser through their ancestors, avatar and uid. */
    static void answerFields(Renderer r, ObjectNode stored, ObjectNode o) {
        ArrayNode pks = o.putArray("groups");
        ArrayNode objs = o.putArray("groups_obj");
        for (ObjectNode g : r.groups().directGroups(stored)) {
            pks.add(g.get("pk").asText());
            objs.add(r.partialGroup(g));
        }
        // User.is_superuser: any of all_groups(), the direct groups with their ancestors (authentik/core/models.py)
        o.put("is_superuser", r.groups().isSuperuser(stored));
        o.putArray("roles_obj");
        o.put("avatar", "/static/dist/assets/images/user_default.png");
        o.put("uid", stored.get("uuid").asText().replace("-", ""));
        o.putNull("last_login");
    }

    /**
     * @permission_required("authentik_core.reset_user_password"), UserPasswordSetSerializer (password: a required
     * CharField), then User.set_password, which also moves password_change_date; policies are not evaluated
     * (authentik/core/api/users.py set_password, authentik/core/models.py).
     */
    static Reply setPassword(ActionCall call) {
        call.ctx().requireSuperuser();
        String password = DrfInput.requiredText(call.body(), "password");
        call.object().put("password", PasswordHash.of(password));
        call.object().put("password_change_date", Instant.now().toString());
        return Reply.noContent();
    }

    /** The model's uuid and dates, set when the user is created. */
    static void uuidAndDates(Write w) {
        String now = Instant.now().toString();
        w.merged().put("uuid", UUID.randomUUID().toString()).put("date_joined", now).put("last_updated", now)
                .put("password_change_date", now);
    }

    /** Setting a user's groups rewrites the groups' member lists. */
    static void groupsRewritten(Saved s) {
        ObjectNode attrs = s.attrs();
        ObjectNode o = s.object();
        if (!attrs.has("groups")) {
            return;
        }
        Set<String> wanted = new HashSet<>();
        attrs.get("groups").forEach(g -> wanted.add(g.asText()));
        for (ObjectNode g : s.store().list(s.ctx().collection("core/groups"))) {
            ArrayNode users = g.withArray("users");
            boolean member = JsonArrays.contains(users, o.get("pk"));
            if (wanted.contains(g.get("pk").asText()) && !member) {
                users.add(o.get("pk").asInt());
            } else if (!wanted.contains(g.get("pk").asText()) && member) {
                for (int i = users.size() - 1; i >= 0; i--) {
                    if (users.get(i).asText().equals(o.get("pk").asText())) {
                        users.remove(i);
                    }
                }
            }
        }
        o.remove("groups");
    }

    /**
     * A user deleted leaves every group; Token.user is a ForeignKey with on_delete=CASCADE
     * (authentik/core/models.py).
     */
    static void deleted(RuleContext ctx, String pk) {
        ctx.all("core/groups").forEach(g -> g.set("users", JsonArrays.without(g.withArray("users"), pk)));
        Collection tokens = ctx.collection("core/tokens");
        ctx.store.list(tokens).stream().filter(t -> t.path("user").asText().equals(pk))
                .forEach(t -> ctx.delete(tokens, t));
    }

    /**
     * UsersFilter.filter_is_superuser: groups__is_superuser, the direct groups only, while the answer's is_superuser
     * goes through their ancestors (authentik/core/api/users.py, core/models.py).
     */
    static void superuserByDirectGroups(RuleContext ctx, ObjectNode stored, ObjectNode rendered) {
        rendered.put("is_superuser", ctx.renderer.groups().directlySuperuser(stored));
    }
}
