package io.github.authentikprovisioner.users;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Why a user may or may not open an application, from what authentik decided and the application's bindings: the
 * gates are its policy bindings, passed in policy engine mode "any" when one passes, "all" when each does, and open to
 * every signed-in user when there is none (authentik/policies/engine.py). Pure.
 */
final class AccessExplanation {

    private AccessExplanation() {
    }

    /**
     * @param allowed what authentik answered
     * @param authentikMessages the messages of its answer
     * @param user the user
     * @param application the application ({@code slug}, {@code policy_engine_mode})
     * @param bindings the application's policy bindings
     */
    static AccessAnswer of(boolean allowed, List<String> authentikMessages, ObjectNode user, ObjectNode application,
            List<ObjectNode> bindings) {
        String slug = application.path("slug").asText();
        String username = user.path("username").asText();
        List<String> messages = new ArrayList<>(authentikMessages);
        if (!user.path("is_active").asBoolean()) {
            // check_access evaluates the bindings only; the login stage refuses an inactive user
            // (authentik/stages/user_login/stage.py: "User is not active, login will not work.")
            messages.add("'" + username + "' is inactive: authentik lets an inactive user sign in nowhere");
            return new AccessAnswer(slug, false, messages, "PUT /users/" + username + " with \"active\": true");
        }
        List<ObjectNode> enabled = bindings.stream().filter(b -> b.path("enabled").asBoolean(true)).toList();
        if (enabled.isEmpty()) {
            messages.add("no binding restricts '" + slug + "': every signed-in user may open it");
            return new AccessAnswer(slug, allowed, messages, null);
        }
        List<String> groups = new ArrayList<>();
        List<String> users = new ArrayList<>();
        List<String> policies = new ArrayList<>();
        for (ObjectNode b : enabled) {
            String not = b.path("negate").asBoolean() ? "not " : "";
            name(b, "group_obj", "name").ifPresent(n -> groups.add(not + "'" + n + "'"));
            name(b, "user_obj", "username").ifPresent(n -> users.add(not + "'" + n + "'"));
            name(b, "policy_obj", "name").ifPresent(n -> policies.add(not + "'" + n + "'"));
        }
        boolean all = "all".equals(application.path("policy_engine_mode").asText("any"));
        String joiner = all ? " and " : " or ";
        List<String> gates = new ArrayList<>();
        if (!groups.isEmpty()) {
            gates.add("members of " + String.join(joiner, groups));
        }
        if (!users.isEmpty()) {
            gates.add("the users " + String.join(joiner, users));
        }
        if (!policies.isEmpty()) {
            gates.add("those the policies " + String.join(joiner, policies) + " pass");
        }
        String who = String.join(joiner, gates);
        if (allowed) {
            messages.add("'" + slug + "' is open to " + who + " (policy engine mode " + (all ? "all" : "any")
                    + "); '" + username + "' passes");
            return new AccessAnswer(slug, true, messages, null);
        }
        messages.add("only " + who + " may open '" + slug + "' (policy engine mode " + (all ? "all" : "any")
                + "); '" + username + "' is not let in");
        String fix = enabled.stream().filter(b -> !b.path("negate").asBoolean())
                .map(b -> name(b, "group_obj", "name")).flatMap(java.util.Optional::stream).findFirst()
                .map(g -> "PUT /users/" + username + " with \"groups\": [\"" + g + "\"]").orElse(null);
        return new AccessAnswer(slug, false, messages, fix);
    }

    private static java.util.Optional<String> name(ObjectNode binding, String object, String field) {
        JsonNode o = binding.path(object);
        return o.isObject() ? java.util.Optional.of(o.path(field).asText()) : java.util.Optional.empty();
    }
}
