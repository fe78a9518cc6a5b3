package io.github.authentikprovisioner.bootstrap;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.github.authentikprovisioner.api.AuthentikCalls;
import io.github.authentikprovisioner.reconcile.Conflict;
import io.github.authentikprovisioner.authentik.Authentik;
import io.github.authentikprovisioner.authentik.AuthentikException;
import io.github.authentikprovisioner.authentik.AuthentikSession;
import io.github.authentikprovisioner.authentik.CurrentToken;
import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.recipes.FreshInstall;
import io.github.authentikprovisioner.reconcile.Change;
import io.github.authentikprovisioner.reconcile.Outcome;
import io.github.authentikprovisioner.reconcile.Reconciler;
import io.github.authentikprovisioner.reconcile.Status;

/**
 * Moves this service from the first token ({@code AUTHENTIK_TOKEN}, typically akadmin's bootstrap token) to its own
 * ({@code AUTHENTIK_SERVICE_TOKEN}), so that deactivating akadmin, as the seed guide asks, does not lock it out
 * (authentik refuses every token of an inactive user: authentik/api/authentication.py).
 *
 * <p>Steps: when the own key already answers {@code /core/users/me/} as the service account, it is used and nothing
 * is written. Otherwise, with the first token: the service account, its membership of authentik Admins and its
 * token through the engine ({@link ServiceAccountRecipe}), then the token's key, then {@code /core/users/me/} with
 * the own key, and only then every call switches to it. A failure at any step leaves the token in use as it was and
 * says, in the answer and the log, which step failed and what to do. A second run makes no write.
 */
@ApplicationScoped
class ServiceAccountHandover {

    private static final Logger LOG = Logger.getLogger(ServiceAccountHandover.class);

    static final String NEXT = "the service now calls authentik with its own token (AUTHENTIK_SERVICE_TOKEN, service "
            + "account '" + ServiceAccountRecipe.NAME + "'); akadmin can now be deactivated: PUT /admins/{username} "
            + "with {\"name\": …, \"deactivateAkadmin\": true} makes your own admin first. AUTHENTIK_TOKEN is then "
            + "no longer needed";

    private final Authentik authentik;
    private final Reconciler reconciler;
    private final CurrentToken token;

    ServiceAccountHandover(Authentik authentik, Reconciler reconciler, CurrentToken token) {
        this.authentik = authentik;
        this.reconciler = reconciler;
        this.token = token;
    }

    /** Whether there is a hand-over to make at all: only when {@code AUTHENTIK_SERVICE_TOKEN} is set. */
    boolean configured() {
        return token.serviceTokenConfigured();
    }

    /** Runs the hand-over (or, with {@code dryRun}, plans it); one at a time, whether scheduled or asked for. */
    synchronized ServiceAccountResult run(boolean dryRun) {
        if (!configured()) {
            throw Conflict.of("AUTHENTIK_SERVICE_TOKEN is not set, so there is no own token to hand over "
                    + "to: generate one (deploy/init.sh writes it into .env), give it to the service and restart it");
        }
        AuthentikSession session = authentik.session();
        Optional<Authentik.TokenUser> own = step("check AUTHENTIK_SERVICE_TOKEN", "",
                () -> session.actions().tokenUser(CurrentToken.Source.AUTHENTIK_SERVICE_TOKEN));
        if (own.isPresent()) {
            return alreadyOwn(session, own.get(), dryRun);
        }
        if (!token.firstTokenConfigured()) {
            throw Conflict.of("authentik refuses AUTHENTIK_SERVICE_TOKEN and AUTHENTIK_TOKEN is not set to "
                    + "set it up with: set AUTHENTIK_TOKEN to an API token of a member of 'authentik Admins' (on a "
                    + "fresh install AUTHENTIK_BOOTSTRAP_TOKEN) and restart the service");
        }
        if (token.source() == CurrentToken.Source.AUTHENTIK_SERVICE_TOKEN) {
            // the own key worked once and is refused now (its token deleted, the account deactivated): the first
            // token is the only one that may still work, and the one to set the own key up again with
            token.useFirstToken();
            LOG.warnf("authentik refuses AUTHENTIK_SERVICE_TOKEN now; calling it with AUTHENTIK_TOKEN to set the "
                    + "service account up again");
        }
        Authentik.TokenUser first = step("check AUTHENTIK_TOKEN", "AUTHENTIK_TOKEN is refused as well: it must be an "
                + "API token of an active member of 'authentik Admins'; akadmin's bootstrap token stops working once "
                + "akadmin is deactivated, so reactivate akadmin or give the service another admin's token",
                session.actions()::tokenUser);
        Outcome outcome = step("ensure the service account, its membership of '" + FreshInstall.ADMINS_GROUP
                + "' and its token", "authentik's message says which object it refused; a token named '"
                + ServiceAccountRecipe.NAME + "' of another user has to be deleted in authentik first",
                () -> reconciler.run(session, ServiceAccountRecipe.desired(), dryRun));
        List<Change> changes = new ArrayList<>(outcome.changes());
        String tokenPk = outcome.object(ServiceAccountRecipe.TOKEN).map(t -> t.path("pk").asText(null)).orElse(null);
        changes.add(new Change(Change.Action.UPDATE, Kind.TOKEN.label(), ServiceAccountRecipe.NAME, tokenPk,
                List.of("key")));
        if (dryRun) {
            return new ServiceAccountResult(Status.of(changes, true), changes, AuthentikCalls.of(session),
                    first.username(), token.source(), "run without dryRun to hand over: the service then calls "
                            + "authentik as '" + ServiceAccountRecipe.NAME + "' with AUTHENTIK_SERVICE_TOKEN");
        }
        step("set the key of token '" + ServiceAccountRecipe.NAME + "' to AUTHENTIK_SERVICE_TOKEN",
                "the token exists; the next attempt sets its key again", () -> {
                    session.actions().setTokenKey(ServiceAccountRecipe.NAME, CurrentToken.Source.AUTHENTIK_SERVICE_TOKEN);
                    return null;
                });
        Optional<Authentik.TokenUser> verified = step("verify AUTHENTIK_SERVICE_TOKEN", "",
                () -> session.actions().tokenUser(CurrentToken.Source.AUTHENTIK_SERVICE_TOKEN));
        if (verified.isEmpty()) {
            throw new AuthentikException.TokenRefused(stopped("verify AUTHENTIK_SERVICE_TOKEN", "authentik still "
                    + "refuses the key it was just given", "the next attempt sets the key again"));
        }
        checkOwner(verified.get());
        token.useServiceToken();
        LOG.infof("service-account hand-over done: authentik calls now use AUTHENTIK_SERVICE_TOKEN, user '%s' (%d "
                + "writes)", verified.get().username(), session.writes());
        return new ServiceAccountResult(Status.of(changes, false), changes, AuthentikCalls.of(session),
                verified.get().username(), token.source(), NEXT);
    }

    private ServiceAccountResult alreadyOwn(AuthentikSession session, Authentik.TokenUser own, boolean dryRun) {
        checkOwner(own);
        if (!dryRun && token.source() != CurrentToken.Source.AUTHENTIK_SERVICE_TOKEN) {
            token.useServiceToken();
            LOG.infof("authentik calls now use AUTHENTIK_SERVICE_TOKEN, user '%s'", own.username());
        }
        boolean inUse = token.source() == CurrentToken.Source.AUTHENTIK_SERVICE_TOKEN;
        String user = inUse ? own.username() : session.actions().tokenUser().username();
        return new ServiceAccountResult(dryRun ? Status.PLANNED : Status.UNCHANGED, List.of(),
                AuthentikCalls.of(session), user, token.source(), inUse ? NEXT
                        : "AUTHENTIK_SERVICE_TOKEN works; run without dryRun to use it");
    }

    /** The own key must be the service account's: a key of anyone else's token is not ours to take over. */
    private static void checkOwner(Authentik.TokenUser user) {
        if (!ServiceAccountRecipe.NAME.equals(user.username())) {
            throw Conflict.of("AUTHENTIK_SERVICE_TOKEN is the key of a token of '" + user.username()
                    + "', not of the service account '" + ServiceAccountRecipe.NAME + "': give the service a key of "
                    + "its own (deploy/init.sh generates one) and restart it; nothing was switched");
        }
    }

    /**
     * Runs one step; a failure is rethrown as the same kind of problem (so it keeps its HTTP status) with a message
     * naming the step, the token still in use and what to do ({@code advice} when authentik refused something).
     */
    private <T> T step(String step, String advice, Supplier<T> call) {
        try {
            return call.get();
        } catch (AuthentikException e) {
            // the advice is about a refusal; when authentik did not answer, trying again is all there is to do
            boolean refused = e instanceof AuthentikException.Rejected || e instanceof AuthentikException.TokenRefused;
            String message = stopped(step, e.getMessage(), refused ? advice : "");
            throw switch (e) {
                case AuthentikException.Rejected r -> new AuthentikException.Rejected(message, r.fieldErrors());
                case AuthentikException.TokenRefused t -> new AuthentikException.TokenRefused(message);
                case AuthentikException.Unavailable u -> new AuthentikException.Unavailable(message, u);
                case AuthentikException.NotFound n -> new AuthentikException.NotFound(message);
                case AuthentikException.DeadlineExceeded d -> new AuthentikException.DeadlineExceeded(message);
            };
        } catch (Conflict.MissingObject | Conflict.ConcurrentChange | Conflict.OwnedElsewhere e) {
            throw Conflict.of(stopped(step, e.getMessage(), advice));
        }
    }

    private String stopped(String step, String why, String advice) {
        return "service-account hand-over stopped at '" + step + "': " + why + (advice.isEmpty() ? "" : "; " + advice)
                + ". Nothing was switched: authentik calls still use " + token.source() + "; the service tries again "
                + "on its own, or run POST /bootstrap/service-account";
    }
}
