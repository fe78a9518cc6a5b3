package io.github.authentikprovisioner.authentik;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Ready only while authentik answers and accepts our token: without it no recipe can work. Names the token's user
 * and which variable it comes from ({@code AUTHENTIK_TOKEN} or, after the hand-over, {@code AUTHENTIK_SERVICE_TOKEN}).
 */
@Readiness
@ApplicationScoped
class AuthentikReadiness implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(AuthentikReadiness.class);

    private final Authentik authentik;

    AuthentikReadiness(Authentik authentik) {
        this.authentik = authentik;
    }

    /**
     * What a token of a user who is not a superuser cannot do: authentik honours superuser_full_list for superusers
     * only (authentik/core/api/applications.py), so applications hidden by policies are missing from its lists, and
     * every write needs the matching RBAC permission.
     */
    static final String NOT_SUPERUSER = "the token's user is not a superuser: applications that policies hide from "
            + "it are missing from authentik's answers (Servarr and OIDC lists, lookups by slug), and writes fail "
            + "without the matching permissions; use a token of a member of 'authentik Admins'";

    private final AtomicBoolean warned = new AtomicBoolean();
    /** The check under way, if any: one at a time, however often Docker probes. */
    private final AtomicReference<CompletableFuture<HealthCheckResponse>> running = new AtomicReference<>();
    /** What the last finished check found, and when. */
    private volatile Seen last;

    private record Seen(HealthCheckResponse response, Instant at) {
    }

    /**
     * Asks authentik, waiting at most {@code AUTHENTIK_READINESS_WAIT}; when it answers later, says what the last
     * finished check found (with its time), or DOWN when none has finished yet. The check goes on and answers the
     * next probe.
     */
    @Override
    public HealthCheckResponse call() {
        CompletableFuture<HealthCheckResponse> check = running.updateAndGet(current -> current != null
                && !current.isDone() ? current : CompletableFuture.supplyAsync(this::check, THREADS));
        try {
            return check.get(authentik.readinessWait().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            Seen seen = last;
            if (seen == null) {
                return HealthCheckResponse.named("authentik").down().withData("reason", "authentik has not answered "
                        + "within " + authentik.readinessWait().toMillis() + " ms").build();
            }
            HealthCheckResponseBuilder stale = HealthCheckResponse.named("authentik").status(
                    seen.response().getStatus() == HealthCheckResponse.Status.UP)
                    .withData("checkedAt", seen.at().toString())
                    .withData("note", "authentik is answering slowly; this is what it last answered");
            seen.response().getData().ifPresent(data -> data.forEach((k, v) -> stale.withData(k, String.valueOf(v))));
            return stale.build();
        } catch (ExecutionException e) {
            return HealthCheckResponse.named("authentik").down().withData("reason", String.valueOf(e.getCause()))
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthCheckResponse.named("authentik").down().withData("reason", "interrupted").build();
        }
    }

    private static final java.util.concurrent.Executor THREADS = command -> Thread.ofVirtual()
            .name("authentik readiness").start(command);

    private HealthCheckResponse check() {
        HealthCheckResponse response = ping();
        last = new Seen(response, Instant.now());
        return response;
    }

    private HealthCheckResponse ping() {
        try {
            String token = authentik.tokenInUse().name();
            Authentik.TokenUser user = authentik.ping();
            if (!user.superuser()) {
                if (warned.compareAndSet(false, true)) {
                    LOG.warnf("authentik token of '%s': %s", user.username(), NOT_SUPERUSER);
                }
                return HealthCheckResponse.named("authentik").up().withData("user", user.username())
                        .withData("token", token).withData("superuser", false).withData("limitation", NOT_SUPERUSER)
                        .build();
            }
            return HealthCheckResponse.named("authentik").up().withData("user", user.username())
                    .withData("token", token).withData("superuser", true).build();
        } catch (AuthentikException.TokenRefused e) {
            return HealthCheckResponse.named("authentik").down().withData("reason", "token refused")
                    .withData("token", authentik.tokenInUse().name()).build();
        } catch (AuthentikException e) {
            return HealthCheckResponse.named("authentik").down().withData("reason", e.getMessage()).build();
        }
    }
}
