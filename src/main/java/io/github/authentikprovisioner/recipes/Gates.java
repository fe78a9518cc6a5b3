package io.github.authentikprovisioner.recipes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.authentik.AuthentikObjects;
import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.reconcile.Outcome;

/**
 * Whether anyone can get through the group an app recipe hands out access by (a gate, or the group holding an app's
 * credentials): an app whose group has no active member is set up and still opens for nobody, and its answer says
 * so instead of leaving the operator to find out at the login page.
 */
public final class Gates {

    /** What {@link #warning} writes, its group captured. */
    private static final Pattern WARNING = Pattern.compile("group (.+?) has no (?:members|active member): .*",
            Pattern.DOTALL);

    private Gates() {
    }

    /**
     * The warning for {@code group} when no active user is in it after {@code outcome}; empty when someone is.
     *
     * @param members the usernames the same call adds (a dry run has not added them)
     * @param consequence what nobody can do, e.g. "nobody can sign in to 'nextcloud' yet"
     */
    public static Optional<String> nobodyIn(AuthentikObjects session, Outcome outcome, String group,
            List<String> members, String consequence) {
        Map<String, ObjectNode> users = new HashMap<>();
        session.list(Kind.USER, Map.of()).forEach(u -> users.put(u.path("pk").asText(), u));
        boolean adding = members.stream().anyMatch(name -> users.values().stream()
                .anyMatch(u -> u.path("username").asText().equals(name) && u.path("is_active").asBoolean()));
        // a group the recipe only refers to (a protected app's gate) is not among the outcome's objects
        Optional<ObjectNode> after = outcome.object(Refs.group(group))
                .or(() -> session.find(Kind.GROUP, Map.of("name", group)));
        if (adding || after.map(g -> anyActive(g, users)).orElse(false)) {
            return Optional.empty();
        }
        boolean anyMember = !members.isEmpty() || after.map(g -> !g.path("users").isEmpty()).orElse(false);
        return Optional.of(warning(group, anyMember, consequence));
    }

    /** The warning for {@code group} as authentik holds it now, for an answer read rather than written. */
    public static Optional<String> nobodyIn(AuthentikObjects session, String group, String consequence) {
        return nobodyIn(session, new Outcome(false, List.of(), Map.of()), group, List.of(), consequence);
    }

    /**
     * Whether {@code warning}, one of {@link #warning}'s, no longer holds: its group has an active member now (a
     * later entry of the same document put someone in it). Other warnings always hold.
     */
    public static boolean outdated(AuthentikObjects session, String warning) {
        Matcher m = WARNING.matcher(warning);
        return m.matches() && nobodyIn(session, m.group(1), "").isEmpty();
    }

    /** Whether an active user is in {@code group} ({@code users}: its members' pks), by {@code usersByPk}. */
    public static boolean anyActive(JsonNode group, Map<String, ObjectNode> usersByPk) {
        for (JsonNode pk : group.path("users")) {
            ObjectNode u = usersByPk.get(pk.asText());
            if (u != null && u.path("is_active").asBoolean()) {
                return true;
            }
        }
        return false;
    }

    /** "group X has no members: {@code consequence}; PUT /users/{username} with groups [X]". */
    public static String warning(String group, boolean anyMember, String consequence) {
        return "group " + group + " has " + (anyMember ? "no active member" : "no members") + ": " + consequence
                + "; PUT /users/{username} with groups [\"" + group + "\"]";
    }
}
