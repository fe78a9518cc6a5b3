package io.github.authentikprovisioner.admins;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.recipes.FreshInstall;
import io.github.authentikprovisioner.recipes.Passwords;
import io.github.authentikprovisioner.recipes.Refs;
import io.github.authentikprovisioner.reconcile.Desired;
import io.github.authentikprovisioner.reconcile.Field;
import io.github.authentikprovisioner.reconcile.Key;
import io.github.authentikprovisioner.reconcile.Ref;

/**
 * Your own administrator and akadmin's retirement (seed: "Authentik Setup"): an active internal user in
 * {@code authentik Admins} with a password, then akadmin deactivated, but only when that leaves a superuser who can
 * log in and a service that can still call authentik.
 *
 * <p>Whether the admin has a usable password is known from {@link Passwords}' mark only.
 */
public final class AdminRecipe {

    private AdminRecipe() {
    }

    static Ref user(String username) {
        return Refs.user(username);
    }

    /** The user (internal, active, name and email as given) and its membership of authentik Admins. */
    public static List<Desired> desired(Admin spec) {
        Map<String, Field> user = new LinkedHashMap<>();
        user.put("name", Field.of(spec.name()));
        if (spec.email() != null) {
            user.put("email", Field.of(spec.email()));
        }
        user.put("type", Field.of("internal"));
        user.put("is_active", Field.of(true));
        return List.of(
                new Desired.Present(Kind.USER, Key.of("username", spec.username()), spec.username(), user),
                new Desired.Present(Kind.GROUP, Key.of("name", FreshInstall.ADMINS_GROUP), FreshInstall.ADMINS_GROUP,
                        Map.of("users", Field.includes(List.of(user(spec.username()))))).existing());
    }

    /** akadmin deactivated (a PATCH, which also ends its sessions: authentik/core/api/users.py partial_update). */
    public static List<Desired> akadminRetired() {
        return List.of(new Desired.Present(Kind.USER, Key.of("username", FreshInstall.BOOTSTRAP_ADMIN),
                FreshInstall.BOOTSTRAP_ADMIN, Map.of("is_active", Field.of(false))).existing());
    }

    /**
     * Why akadmin must not be deactivated, if it must not: the result would leave no active superuser but akadmin
     * who can log in, or lock this service out (its token is akadmin's, and authentik refuses every token of an
     * inactive user: authentik/api/authentication.py).
     *
     * @param adminsAreSuperusers whether membership of authentik Admins makes a superuser (its flag, or an
     *        ancestor's: {@link io.github.authentikprovisioner.recipes.Superusers})
     * @param usablePassword whether the admin will have a password known to be usable
     * @param tokenUser the user of the token the service calls authentik with
     */
    public static Optional<String> whyAkadminStays(String username, boolean adminsAreSuperusers,
            boolean usablePassword, String tokenUser) {
        String stays = "akadmin was not deactivated and nothing was written: ";
        if (username.equalsIgnoreCase(FreshInstall.BOOTSTRAP_ADMIN)) {
            return Optional.of(stays + "the admin is akadmin itself, so no active superuser other than akadmin "
                    + "would be left; choose your own username");
        }
        if (!adminsAreSuperusers) {
            return Optional.of(stays + "'" + FreshInstall.ADMINS_GROUP + "' is not a superuser group here, so '"
                    + username + "' would not be a superuser and no active superuser other than akadmin would be "
                    + "left; make it one again (is_superuser) in authentik");
        }
        if (!usablePassword) {
            return Optional.of(stays + "'" + username + "' has no password this service set (authentik's API does "
                    + "not show whether a password is usable), so no superuser other than akadmin might be able to "
                    + "log in; send a password with ?resetPassword=true");
        }
        if (FreshInstall.BOOTSTRAP_ADMIN.equals(tokenUser)) {
            return Optional.of(stays + "this service still calls authentik with akadmin's token, which authentik "
                    + "refuses once akadmin is inactive; run POST /bootstrap/service-account first (it needs "
                    + "AUTHENTIK_SERVICE_TOKEN)");
        }
        return Optional.empty();
    }
}
