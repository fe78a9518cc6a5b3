package io.github.authentikprovisioner.users;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.recipes.Managed;
import io.github.authentikprovisioner.recipes.Passwords;
import io.github.authentikprovisioner.recipes.Superusers;

/** A user as authentik holds it, with its groups by name. Never a password. */
@Schema(name = "UserView", description = "A user as authentik holds it")
public record UserView(
        @Schema(examples = "bob") String username,
        @Schema(examples = "Bob Example") String name,
        @Schema(examples = "bob@example.com") String email,
        @Schema(description = "Whether the user may sign in") boolean active,
        @Schema(description = "Whether the user is a superuser (through a group or its ancestors)") boolean superuser,
        @Schema(description = "The groups the user is directly in, by name", examples = "[\"nextcloud Users\"]")
        List<String> groups,
        @Schema(description = "The user's attributes", type = SchemaType.OBJECT) JsonNode attributes,
        @Schema(description = "Whether this service manages the user (PUT /users/{username})") boolean managed,
        @Schema(description = "Whether this service set the user's password (authentik shows no other sign of one)")
        boolean passwordSetHere) {

    /**
     * @param groupsByPk every group, by pk
     */
    static UserView of(ObjectNode user, Map<String, ObjectNode> groupsByPk, Superusers superusers) {
        List<String> groups = new ArrayList<>();
        for (JsonNode pk : user.path("groups")) {
            ObjectNode g = groupsByPk.get(pk.asText());
            if (g != null) {
                groups.add(g.path("name").asText());
            }
        }
        groups.sort(String::compareTo);
        return new UserView(user.path("username").asText(), user.path("name").asText(),
                user.path("email").asText(""), user.path("is_active").asBoolean(),
                user.path("is_active").asBoolean() && superusers.isSuperuser(user), groups, user.path("attributes"),
                isManaged(user), Passwords.setHere(user));
    }

    /** Whether {@code user} carries this service's mark ({@link Managed#PERSON}). */
    static boolean isManaged(JsonNode user) {
        return user.path("attributes").path(Managed.PERSON).asBoolean(false);
    }
}
