package io.github.authentikprovisioner.bootstrap;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.recipes.FreshInstall;
import io.github.authentikprovisioner.recipes.Managed;
import io.github.authentikprovisioner.recipes.Refs;
import io.github.authentikprovisioner.reconcile.Desired;
import io.github.authentikprovisioner.reconcile.Field;
import io.github.authentikprovisioner.reconcile.Key;
import io.github.authentikprovisioner.reconcile.Ref;

/**
 * This service's own identity in authentik: the service account {@code authentik-provisioner}, a member of
 * {@code authentik Admins}, with the non-expiring API token {@code authentik-provisioner} whose key the hand-over
 * sets to {@code AUTHENTIK_SERVICE_TOKEN}.
 *
 * <p>Why {@code authentik Admins} and not a narrower role: the recipes change system settings ({@code PATCH
 * /admin/settings/}), the default brand, blueprint-managed flows, stages, prompts and policies, the embedded outpost,
 * and create providers, applications, groups, users' memberships, policy bindings and invitations, which as RBAC
 * permissions is most of authentik's model permissions, and a role would have to follow every new recipe. Above all,
 * authentik honours {@code superuser_full_list} for superusers only (authentik/core/api/applications.py), so a token
 * of anyone else does not see the applications that policies hide from it, and the Servarr and OIDC recipes would
 * take such an application for missing. Only membership of a superuser group gives that.
 *
 * <p>Why a user of type {@code service_account} created with {@code POST /core/users/} and not {@code POST
 * /core/users/service_account/}: that endpoint also makes an {@code app_password} token of a key we cannot choose,
 * which is not accepted as an API token (authentik/core/api/users.py {@code service_account}); the plain endpoint
 * with {@code type} and the service-account path makes the same user without it, and every field is then a state
 * the engine can diff.
 *
 * <p>Why authentik's bootstrap blueprint cannot take the key away: system/bootstrap.yaml creates the token
 * {@code authentik-bootstrap-token} of akadmin with {@code state: created}, looked up by all its identifiers together
 * (identifier, intent, expiring and user: {@code __query_from_identifier} in authentik/blueprints/v1/importer.py),
 * which never match this token (another identifier, another user); a {@code created} entry whose object exists is
 * skipped, and no entry of it writes any other token. Its akadmin entry is {@code state: created} too, so a restart
 * does not reactivate a retired akadmin either.
 */
public final class ServiceAccountRecipe {

    /** Username of the service account, and identifier of its token. */
    public static final String NAME = Managed.SERVICE_ACCOUNT;
    /** The folder authentik's own service-account endpoint puts service accounts in (USER_PATH_SERVICE_ACCOUNT). */
    static final String PATH = "goauthentik.io/service-accounts";

    static final Ref USER = Refs.user(NAME);
    static final Ref TOKEN = Ref.to(Kind.TOKEN, "identifier", NAME);

    private ServiceAccountRecipe() {
    }

    /** The user, its membership of authentik Admins, and its token (without the key, which is an action). */
    public static List<Desired> desired() {
        Map<String, Field> user = new LinkedHashMap<>();
        user.put("name", Field.of(NAME));
        user.put("type", Field.of("service_account"));
        user.put("path", Field.of(PATH));
        user.put("is_active", Field.of(true));

        Map<String, Field> token = new LinkedHashMap<>();
        token.put("user", Field.ref(USER));
        token.put("intent", Field.of("api"));
        // an expiring API token is rotated (a new random key) or deleted once past its expiry
        // (authentik/core/models.py Token.expire_action, ExpiringModel.filter_not_expired)
        token.put("expiring", Field.of(false));
        token.put("description", Field.of("API token of authentik-provisioner; its key is AUTHENTIK_SERVICE_TOKEN"));

        return List.of(
                new Desired.Present(Kind.USER, Key.of("username", NAME), NAME, user),
                new Desired.Present(Kind.GROUP, Key.of("name", FreshInstall.ADMINS_GROUP), FreshInstall.ADMINS_GROUP,
                        Map.of("users", Field.includes(List.of(USER)))).existing(),
                new Desired.Present(Kind.TOKEN, Key.of("identifier", NAME), NAME, token));
    }
}
