package io.github.authentikprovisioner.users;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.github.authentikprovisioner.recipes.Passwords;
import io.github.authentikprovisioner.recipes.Patterns;

/**
 * A person who signs in to the apps: the body of {@code PUT /users/{username}} and a desired-state entry
 * {@code - user: {...}}. The guide gives people access by putting them into groups ({@code nextcloud Users},
 * {@code Servarr Users}, ...) and sets per-user attributes ({@code nextcloud_quota}).
 */
@Schema(name = "Person", description = "A person who signs in to the apps; a desired-state entry 'user'")
public record Person(
        @Schema(description = "Username. In PUT /users/{username} it comes from the path (given here too, it must be "
                + "the same); required in a desired-state entry", examples = "bob")
        @Size(min = 1, max = 150) @Pattern(regexp = Patterns.USERNAME, message = Patterns.USERNAME_MESSAGE)
        String username,

        @Schema(description = "Display name", examples = "Bob Example", required = true)
        @NotBlank @Size(max = 200) @Pattern(regexp = Patterns.TRIMMED, message = Patterns.TRIMMED_MESSAGE) String name,

        @Schema(description = "Email address; left as it is when absent, removed when empty",
                examples = "bob@example.com")
        @Email @Size(max = 254) String email,

        @Schema(description = "Whether the user may sign in", defaultValue = "true") Boolean active,

        @Schema(description = "Groups the user must be in; they must exist (the app recipes create theirs) and not "
                + "make superusers (PUT /admins/{username} does that)", examples = "[\"nextcloud Users\"]")
        @Size(max = 50)
        List<@NotNull @Size(min = 1, max = 80) @Pattern(regexp = Patterns.TRIMMED,
                message = Patterns.TRIMMED_MESSAGE) String> groups,

        @Schema(description = "Also take the user out of every other group this service manages (the groups that "
                + "gate or configure its apps); never out of a superuser group, nor out of a group it did not make",
                defaultValue = "false")
        boolean exclusive,

        @Schema(description = "Groups the user must not be in, whichever they are; 'authentik Admins' only when named "
                + "here, and never leaving no active superuser", examples = "[\"nextcloud Admins\"]")
        @Size(max = 50)
        List<@NotNull @Size(min = 1, max = 80) @Pattern(regexp = Patterns.TRIMMED,
                message = Patterns.TRIMMED_MESSAGE) String> leave,

        @Schema(description = "Attributes merged into the user's: the keys named here are set, others are kept. Keys "
                + "starting with 'authentik-provisioner/' are this service's marks", type = SchemaType.OBJECT,
                examples = "{\"nextcloud_quota\": \"5 GB\"}")
        @Size(max = 50)
        Map<@NotBlank @Size(max = 200) @Pattern(regexp = NOT_A_MARK, message = NOT_A_MARK_MESSAGE) String,
                @NotNull Object> attributes,

        @Schema(description = "Password; set when the user is created, when this service never set one for it, or "
                + "with ?resetPassword=true. Never echoed", writeOnly = true)
        @Size(min = Passwords.MIN_LENGTH, max = 1000)
        @Pattern(regexp = Patterns.TRIMMED, message = Passwords.TRIMMED_MESSAGE) String password) {

    static final String NOT_A_MARK = "^(?!authentik-provisioner/).*$";
    static final String NOT_A_MARK_MESSAGE = "must not start with 'authentik-provisioner/' (this service's marks)";

    public Person {
        active = active == null || active;
        // copies that keep null elements, so that validation can name them
        groups = groups == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(groups));
        leave = leave == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(leave));
        attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** This person with the username of the path; the body's, when given, must be the same. */
    Person named(String pathUsername) {
        return new Person(pathUsername, name, email, active, groups, exclusive, leave, attributes, password);
    }

    /** Keeps the password and attribute values out of logs and error messages. */
    @Override
    public String toString() {
        return "Person[username=" + username + ", active=" + active + ", groups=" + groups + ", exclusive="
                + exclusive + ", leave=" + leave + ", attributes=" + attributes.keySet() + "]";
    }
}
