package io.github.authentikprovisioner.users;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.api.AuthentikCalls;
import io.github.authentikprovisioner.api.InvalidInput;
import io.github.authentikprovisioner.authentik.AuthentikSession;
import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.recipes.Managed;
import io.github.authentikprovisioner.recipes.Passwords;
import io.github.authentikprovisioner.recipes.Recipe;
import io.github.authentikprovisioner.recipes.Refs;
import io.github.authentikprovisioner.recipes.Superusers;
import io.github.authentikprovisioner.reconcile.Change;
import io.github.authentikprovisioner.reconcile.Conflict;
import io.github.authentikprovisioner.reconcile.Outcome;
import io.github.authentikprovisioner.reconcile.Reconciler;
import io.github.authentikprovisioner.reconcile.Status;

/**
 * Runs {@link UserRecipe}: every check first (groups named, this service's own account, the last superuser), so a
 * refusal writes nothing; then the user and its memberships through the engine, and the password when this call
 * sets it.
 */
@ApplicationScoped
class UserService implements Recipe<Person, UserResult> {

    private final Reconciler reconciler;

    UserService(Reconciler reconciler) {
        this.reconciler = reconciler;
    }

    @Override
    public String name() {
        return "user";
    }

    @Override
    public Class<Person> specType() {
        return Person.class;
    }

    @Override
    public Set<Kind> reads(Person spec) {
        return spec.exclusive()
                ? Set.of(Kind.USER, Kind.GROUP, Kind.APPLICATION, Kind.POLICY_BINDING, Kind.PROXY_PROVIDER)
                : Set.of(Kind.USER, Kind.GROUP);
    }

    /** A desired-state entry: the password is never reset. */
    @Override
    public UserResult run(AuthentikSession session, Person spec, boolean dryRun) {
        return ensure(session, spec, false, dryRun);
    }

    /** @param reset whether to set the given password even when this service set one before */
    UserResult ensure(AuthentikSession session, Person spec, boolean reset, boolean dryRun) {
        if (spec.username() == null) {
            throw InvalidInput.of("username", "is required");
        }
        session.prefetch(reads(spec));
        List<ObjectNode> groups = session.list(Kind.GROUP, Map.of());
        Superusers superusers = Superusers.of(groups);
        List<ObjectNode> users = session.list(Kind.USER, Map.of());
        Optional<ObjectNode> existing = session.find(Kind.USER, Map.of("username", spec.username()));
        List<ObjectNode> current = directGroups(existing, groups);

        var errors = UserRecipe.invalidGroups(spec, name -> group(session, name), superusers);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        Set<String> managed = spec.exclusive() ? ManagedGroups.pks(groups, session.list(Kind.APPLICATION, Map.of()),
                session.list(Kind.POLICY_BINDING, Map.of()), session.list(Kind.PROXY_PROVIDER, Map.of())) : Set.of();
        List<String> leaves = UserRecipe.leaving(spec, current, managed, superusers);
        boolean superuserNow = existing.map(u -> u.path("is_active").asBoolean() && superusers.isSuperuser(u))
                .orElse(false);
        boolean superuserAfter = spec.active() && current.stream()
                .filter(g -> !leaves.contains(g.path("name").asText())).anyMatch(superusers::grantsSuperuser);
        // only a deactivation or a group left can lock anyone out: the token's user is asked for then only
        refuse(session, spec.username(), !spec.active() || !leaves.isEmpty(), superuserNow, superuserAfter, users,
                superusers);

        Outcome outcome = reconciler.run(session, UserRecipe.desired(spec, spec.groups(), leaves), dryRun);
        List<Change> changes = new ArrayList<>(outcome.changes());
        boolean setPassword = spec.password() != null && Passwords.setsPassword(existing, true, reset);
        if (setPassword) {
            String pk = outcome.object(Refs.user(spec.username()))
                    .map(u -> u.path("pk").asText(null)).orElse(null);
            if (!dryRun) {
                // an action: authentik shows no password to compare with (authentik/core/api/users.py set_password)
                session.actions().setPassword(pk, spec.password());
                if (!existing.map(Passwords::setHere).orElse(false)) {
                    changes.addAll(reconciler.apply(session, Passwords.setHereMark(spec.username())).changes());
                }
            }
            changes.add(new Change(Change.Action.UPDATE, Kind.USER.label(), spec.username(), pk, List.of("password")));
        }
        List<String> warnings = new ArrayList<>();
        if (existing.isEmpty() && spec.password() == null) {
            warnings.add("'" + spec.username() + "' has no password yet: send one (password), or let them set one "
                    + "through the recovery flow (PUT /security/recovery) or an invitation");
        }
        if (!spec.active()) {
            warnings.add("'" + spec.username() + "' is inactive: they can sign in nowhere");
        }
        Set<String> after = new LinkedHashSet<>();
        current.forEach(g -> after.add(g.path("name").asText()));
        after.addAll(spec.groups());
        after.removeAll(leaves);
        return new UserResult(Status.of(changes, dryRun), changes, AuthentikCalls.of(session), spec.username(),
                spec.active(), after.stream().sorted().toList(), setPassword, warnings);
    }

    /** Every user this service manages ({@link Managed#PERSON}). */
    List<UserView> list(AuthentikSession session) {
        session.prefetch(Set.of(Kind.USER, Kind.GROUP));
        List<ObjectNode> groups = session.list(Kind.GROUP, Map.of());
        Map<String, ObjectNode> byPk = byPk(groups);
        Superusers superusers = Superusers.of(groups);
        return session.list(Kind.USER, Map.of()).stream().filter(UserView::isManaged)
                .map(u -> UserView.of(u, byPk, superusers)).toList();
    }

    /** Any user, managed here or not; 404 when authentik has none of that name. */
    UserView one(AuthentikSession session, String username) {
        session.prefetch(Set.of(Kind.USER, Kind.GROUP));
        ObjectNode user = require(session, username);
        List<ObjectNode> groups = session.list(Kind.GROUP, Map.of());
        return UserView.of(user, byPk(groups), Superusers.of(groups));
    }

    /**
     * Deactivates (or with {@code delete}, deletes) a user this service manages: 404 for an unknown user, 409 for
     * one it does not manage, its own account, or the last active superuser.
     */
    UserResult remove(AuthentikSession session, String username, boolean delete, boolean dryRun) {
        session.prefetch(Set.of(Kind.USER, Kind.GROUP));
        ObjectNode user = require(session, username);
        if (!UserView.isManaged(user)) {
            throw Conflict.of("user '" + username + "' was not made by PUT /users/{username} (it lacks the attribute '"
                    + Managed.PERSON + "'); change it in authentik's admin interface");
        }
        List<ObjectNode> groups = session.list(Kind.GROUP, Map.of());
        Superusers superusers = Superusers.of(groups);
        boolean superuserNow = user.path("is_active").asBoolean() && superusers.isSuperuser(user);
        refuse(session, username, true, superuserNow, false, session.list(Kind.USER, Map.of()), superusers);
        Outcome outcome = reconciler.run(session, UserRecipe.removal(username, delete), dryRun);
        List<String> names = directGroups(Optional.of(user), groups).stream().map(g -> g.path("name").asText())
                .sorted().toList();
        return new UserResult(delete ? outcome.removalStatus() : outcome.status(), outcome.changes(),
                AuthentikCalls.of(session), username, false, delete ? List.of() : names, false, List.of());
    }

    /**
     * 409 for this service's own account, and for a change that could lock someone out ({@code risky}) of the
     * account this service calls authentik with, or of the last active superuser.
     */
    private void refuse(AuthentikSession session, String username, boolean risky, boolean superuserNow,
            boolean superuserAfter, List<ObjectNode> users, Superusers superusers) {
        if (username.equalsIgnoreCase(Managed.SERVICE_ACCOUNT)) {
            throw Conflict.of(UserRecipe.ownAccount(username));
        }
        if (!risky) {
            return;
        }
        String tokenUser = session.actions().tokenUser().username();
        long others = users.stream().filter(u -> u.path("is_active").asBoolean() && superusers.isSuperuser(u))
                .map(u -> u.path("username").asText())
                .filter(n -> !n.equalsIgnoreCase(username) && !n.equalsIgnoreCase(Managed.SERVICE_ACCOUNT))
                .count();
        UserRecipe.whyRefused(username, tokenUser, superuserNow, superuserAfter, others).ifPresent(why -> {
            throw Conflict.of(why);
        });
    }

    private static ObjectNode require(AuthentikSession session, String username) {
        return session.find(Kind.USER, Map.of("username", username))
                .orElseThrow(() -> new NotFoundException("authentik has no user '" + username + "'"));
    }

    /** A group by name; a stand-in without pk for one that an earlier entry of a dry run plans to create. */
    private static Optional<ObjectNode> group(AuthentikSession session, String name) {
        Optional<ObjectNode> found = session.find(Kind.GROUP, Map.of("name", name));
        if (found.isEmpty() && session.plannedCreate(Kind.GROUP, Map.of("name", name))) {
            return Optional.of(JsonNodeFactory.instance.objectNode().put("name", name));
        }
        return found;
    }

    private static List<ObjectNode> directGroups(Optional<ObjectNode> user, List<ObjectNode> groups) {
        if (user.isEmpty()) {
            return List.of();
        }
        Map<String, ObjectNode> byPk = byPk(groups);
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode pk : user.get().path("groups")) {
            Optional.ofNullable(byPk.get(pk.asText())).ifPresent(out::add);
        }
        return out;
    }

    private static Map<String, ObjectNode> byPk(List<ObjectNode> groups) {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        groups.forEach(g -> out.put(g.path("pk").asText(), g));
        return out;
    }
}
