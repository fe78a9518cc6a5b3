package io.github.authentikprovisioner.users;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.api.Problem;
import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.recipes.Managed;
import io.github.authentikprovisioner.recipes.Refs;
import io.github.authentikprovisioner.recipes.Superusers;
import io.github.authentikprovisioner.reconcile.Desired;
import io.github.authentikprovisioner.reconcile.Field;
import io.github.authentikprovisioner.reconcile.Key;

/**
 * The people who sign in to the apps (issue 19): the user with its managed fields and this service's mark, and its
 * memberships, each added or removed on the group's member list (the list every app recipe changes, under the same
 * lock), never by rewriting the user's whole group list. Pure.
 */
final class UserRecipe {

    private UserRecipe() {
    }

    /**
     * The user (name, email when given, active, the attributes given, the mark {@link Managed#PERSON}), the groups
     * it joins and those it leaves.
     */
    static List<Desired> desired(Person person, List<String> joins, List<String> leaves) {
        Map<String, Field> user = new LinkedHashMap<>();
        user.put("name", Field.of(person.name()));
        if (person.email() != null) {
            user.put("email", Field.of(person.email()));
        }
        user.put("is_active", Field.of(person.active()));
        Map<String, Object> attributes = new LinkedHashMap<>(person.attributes());
        attributes.put(Managed.PERSON, true);
        user.put("attributes", Field.entries(attributes));
        List<Desired> out = new ArrayList<>();
        out.add(new Desired.Present(Kind.USER, Key.of("username", person.username()), person.username(), user));
        for (String group : joins) {
            out.add(membership(group, Field.includes(List.of(Refs.user(person.username())))));
        }
        for (String group : leaves) {
            out.add(membership(group, Field.excludes(List.of(Refs.user(person.username())))));
        }
        return out;
    }

    /** The user deactivated (a PATCH, which also ends its sessions: authentik/core/api/users.py) or deleted. */
    static List<Desired> removal(String username, boolean delete) {
        return List.of(delete ? new Desired.Absent(Kind.USER, Key.of("username", username), username)
                : new Desired.Present(Kind.USER, Key.of("username", username), username,
                        Map.of("is_active", Field.of(false))).existing());
    }

    private static Desired membership(String group, Field users) {
        return new Desired.Present(Kind.GROUP, Key.of("name", group), group, Map.of("users", users)).existing();
    }

    /**
     * The fields naming a group that does not exist, or one that makes superusers (that is {@code PUT
     * /admins/{username}}'s, which checks what a new superuser needs); {@code leave} may name any existing group.
     *
     * @param group a group by name, when authentik holds it or an earlier part of the same run plans it
     */
    static List<Problem.FieldError> invalidGroups(Person person, Function<String, Optional<ObjectNode>> group,
            Superusers superusers) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < person.groups().size(); i++) {
            String name = person.groups().get(i);
            Optional<ObjectNode> g = group.apply(name);
            if (g.isEmpty()) {
                errors.add(new Problem.FieldError("groups[" + i + "]", "no group '" + name + "' in authentik; the app "
                        + "recipes create theirs (POST /apps/oidc, /apps/servarr, PUT /apps/protected)"));
            } else if (g.get().has("pk")) {
                // a group only planned by an earlier entry of a dry run has no pk yet, and makes nobody a superuser
                String field = "groups[" + i + "]";
                superusers.why(g.get()).ifPresent(why -> errors.add(new Problem.FieldError(field,
                        "'" + name + "' " + why + "; make administrators with PUT /admins/{username}")));
            }
        }
        for (int i = 0; i < person.leave().size(); i++) {
            String name = person.leave().get(i);
            if (group.apply(name).isEmpty()) {
                errors.add(new Problem.FieldError("leave[" + i + "]", "no group '" + name + "' in authentik"));
            }
            if (person.groups().contains(name)) {
                errors.add(new Problem.FieldError("leave[" + i + "]", "'" + name + "' is in groups too"));
            }
        }
        return errors;
    }

    /**
     * The groups the person leaves: those named in {@code leave} that it is in, and with {@code exclusive} every other
     * managed group it is in, but never one that makes superusers unless named in {@code leave}.
     *
     * @param current the groups the user is directly in now
     * @param managed the pks of the groups this service manages ({@link ManagedGroups})
     */
    static List<String> leaving(Person person, List<ObjectNode> current, Set<String> managed, Superusers superusers) {
        Set<String> out = new LinkedHashSet<>();
        for (ObjectNode g : current) {
            String name = g.path("name").asText();
            if (person.leave().contains(name)) {
                out.add(name);
            } else if (person.exclusive() && !person.groups().contains(name)
                    && managed.contains(g.path("pk").asText()) && !superusers.grantsSuperuser(g)) {
                out.add(name);
            }
        }
        return List.copyOf(out);
    }

    static String ownAccount(String username) {
        return "'" + username + "' is the account this service calls authentik with; it is not a person this "
                + "service manages, and changing it could lock the service out";
    }

    /**
     * Why the change must not be made: the user is this service's own account, or the change would leave no active
     * superuser but this service's account (nobody could administer authentik).
     *
     * @param superuserNow whether the user is an active superuser now
     * @param superuserAfter whether it still is after the change
     * @param otherSuperusers the active superusers other than this user and this service's account (people who can
     *        sign in and administer authentik)
     */
    static Optional<String> whyRefused(String username, String tokenUser, boolean superuserNow, boolean superuserAfter,
            long otherSuperusers) {
        if (username.equalsIgnoreCase(Managed.SERVICE_ACCOUNT) || username.equalsIgnoreCase(tokenUser)) {
            return Optional.of(ownAccount(username));
        }
        if (superuserNow && !superuserAfter && otherSuperusers == 0) {
            return Optional.of("'" + username + "' is the last active superuser: nobody could administer authentik "
                    + "after this; make another admin first (PUT /admins/{username})");
        }
        return Optional.empty();
    }
}
