package io.github.authentikprovisioner.recipes;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.reconcile.Desired;
import io.github.authentikprovisioner.reconcile.Field;
import io.github.authentikprovisioner.reconcile.Key;

/**
 * The passwords this service sets for people (its admin, the users it manages), and how it remembers having set one.
 *
 * <p>Whether a user has a usable password is nowhere in authentik's API (UserSerializer has no such field, and
 * {@code password_change_date} is set on creation too: authentik/core/api/users.py, core/models.py). So this service
 * knows it only for the passwords it set itself: after a {@code set_password} it marks the user with the attribute
 * {@link #SET_HERE}, and later calls take the mark as proof. Nothing in authentik's API makes a set password
 * unusable again.
 */
public final class Passwords {

    /** User attribute saying this service set the user's password (so authentik holds a usable one). */
    public static final String SET_HERE = "authentik-provisioner/password-set";
    /** The shortest password this service sets: the seed's own password policy asks for 12. */
    public static final int MIN_LENGTH = 12;
    /**
     * authentik's set_password reads the password with a DRF CharField, which trims it with Python's str.strip(), a
     * no-break space included (authentik/core/api/users.py UserPasswordSetSerializer), while the login's password
     * field does not trim (authentik/stages/password/stage.py, trim_whitespace=False): " secret" would be stored as
     * "secret" and the user could not log in with what was sent.
     */
    public static final String TRIMMED_MESSAGE = "must not start or end with whitespace (authentik would trim it)";

    private Passwords() {
    }

    /** The mark that this service set the user's password; other attributes are kept. */
    public static List<Desired> setHereMark(String username) {
        return List.of(new Desired.Present(Kind.USER, Key.of("username", username), username,
                Map.of("attributes", Field.entries(Map.of(SET_HERE, true)))).existing());
    }

    /** Whether this service set the user's password before ({@link #SET_HERE}). */
    public static boolean setHere(ObjectNode user) {
        return user.path("attributes").path(SET_HERE).asBoolean(false);
    }

    /**
     * Whether this call sets the password: when it creates the user, when asked to reset it, and once for a user
     * this service never set a password for, when the caller gave one (a generated one is not forced on an existing
     * user, whose own password it would replace unseen).
     */
    public static boolean setsPassword(Optional<ObjectNode> existing, boolean given, boolean reset) {
        return existing.isEmpty() || reset || given && !setHere(existing.get());
    }
}
