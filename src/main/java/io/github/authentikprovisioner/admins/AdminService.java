package io.github.authentikprovisioner.admins;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.api.AuthentikCalls;
import io.github.authentikprovisioner.reconcile.Conflict;
import io.github.authentikprovisioner.authentik.AuthentikSession;
import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.recipes.FreshInstall;
import io.github.authentikprovisioner.recipes.Managed;
import io.github.authentikprovisioner.recipes.Passwords;
import io.github.authentikprovisioner.recipes.Recipe;
import io.github.authentikprovisioner.recipes.Superusers;
import io.github.authentikprovisioner.reconcile.Change;
import io.github.authentikprovisioner.reconcile.Outcome;
import io.github.authentikprovisioner.reconcile.Reconciler;
import io.github.authentikprovisioner.reconcile.Ref;
import io.github.authentikprovisioner.reconcile.Status;

/**
 * Runs the admin recipe ({@link AdminRecipe}): every check first, so a refusal writes nothing; then the user and its
 * membership through the engine; the password, when this call sets it; and akadmin's deactivation, once the admin
 * has been read back as an active superuser.
 */
@ApplicationScoped
class AdminService implements Recipe<Admin, AdminResult> {

    private static final Logger LOG = Logger.getLogger(AdminService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Reconciler reconciler;

    AdminService(Reconciler reconciler) {
        this.reconciler = reconciler;
    }

    @Override
    public String name() {
        return "admin";
    }

    @Override
    public Class<Admin> specType() {
        return Admin.class;
    }

    @Override
    public Set<Kind> reads(Admin spec) {
        return Set.of(Kind.USER, Kind.GROUP);
    }

    /** A desired-state entry: the password comes from the document, and is never reset. */
    @Override
    public AdminResult run(AuthentikSession session, Admin spec, boolean dryRun) {
        return ensure(session, spec, false, false, dryRun);
    }

    /** A strong random password (192 bits), for an admin created without one. */
    static String generatedPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * @param generated whether {@code spec.password()} was generated here rather than sent: then it is only set (and
     *        answered) when the user is created or the password reset
     * @param reset whether to set the password even when this service set one before
     */
    AdminResult ensure(AuthentikSession session, Admin spec, boolean generated, boolean reset, boolean dryRun) {
        if (spec.username().equals(Managed.SERVICE_ACCOUNT)) {
            throw Conflict.of("'" + Managed.SERVICE_ACCOUNT + "' is this service's own service account, "
                    + "not a person's administrator; choose your own username");
        }
        session.prefetch(reads(spec));
        Optional<ObjectNode> existing = session.find(Kind.USER, Map.of("username", spec.username()));
        ObjectNode admins = session.find(Kind.GROUP, Map.of("name", FreshInstall.ADMINS_GROUP))
                .orElseThrow(() -> new Conflict.MissingObject(Ref.to(Kind.GROUP, "name", FreshInstall.ADMINS_GROUP)));
        // through its ancestors too: authentik Admins below a superuser group makes its members superusers
        boolean superuser = Superusers.of(session.list(Kind.GROUP, Map.of())).grantsSuperuser(admins);
        boolean setPassword = Passwords.setsPassword(existing, !generated, reset);
        boolean usablePassword = setPassword || existing.map(Passwords::setHere).orElse(false);

        Optional<ObjectNode> akadmin = session.find(Kind.USER, Map.of("username", FreshInstall.BOOTSTRAP_ADMIN));
        boolean retire = spec.deactivateAkadmin() && akadmin.isPresent()
                && akadmin.get().path("is_active").asBoolean(true);
        if (retire) {
            // checked before the first write, so a refusal leaves authentik as it was
            String tokenUser = session.actions().tokenUser().username();
            // only the token in the way: the hand-over (as soon as authentik answers) clears it, so a desired-state
            // run at start tries again within seconds instead of an interval later
            boolean onlyTheToken = AdminRecipe.whyAkadminStays(spec.username(), superuser, usablePassword, "")
                    .isEmpty();
            AdminRecipe.whyAkadminStays(spec.username(), superuser, usablePassword, tokenUser).ifPresent(why -> {
                throw onlyTheToken ? Conflict.clearingBySelf(why) : Conflict.of(why);
            });
        }

        Outcome outcome = reconciler.run(session, AdminRecipe.desired(spec), dryRun);
        List<Change> changes = new ArrayList<>(outcome.changes());
        Optional<ObjectNode> user = outcome.object(AdminRecipe.user(spec.username()));
        String pk = user.map(u -> u.path("pk").asText(null)).orElse(null);
        if (setPassword) {
            if (!dryRun) {
                // an action: authentik shows no password to compare with (authentik/core/api/users.py set_password)
                session.actions().setPassword(pk, spec.password());
            }
            changes.add(new Change(Change.Action.UPDATE, Kind.USER.label(), spec.username(), pk, List.of("password")));
            if (!dryRun && !existing.map(Passwords::setHere).orElse(false)) {
                changes.addAll(reconciler.apply(session, Passwords.setHereMark(spec.username())).changes());
            }
        }
        if (retire) {
            if (!dryRun) {
                ObjectNode now = session.getFresh(Kind.USER, pk).orElseThrow(() -> Conflict.of("user '"
                        + spec.username() + "' disappeared while it was being made an admin; akadmin stays active"));
                if (!now.path("is_active").asBoolean() || !now.path("is_superuser").asBoolean()) {
                    throw Conflict.of("'" + spec.username() + "' is not an active superuser after all "
                            + "(changed by someone else meanwhile?); akadmin stays active. Run the call again");
                }
            }
            changes.addAll(reconciler.run(session, AdminRecipe.akadminRetired(), dryRun).changes());
            if (!dryRun) {
                LOG.infof("akadmin deactivated; '%s' is an active superuser", spec.username());
            }
        }
        Boolean akadminActive = akadmin.map(a -> !retire && a.path("is_active").asBoolean(true)).orElse(null);
        return new AdminResult(Status.of(changes, dryRun), changes, AuthentikCalls.of(session), spec.username(),
                superuser, setPassword, generated && setPassword && !dryRun ? spec.password() : null, akadminActive);
    }
}
