package io.github.authentikprovisioner.authentik;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
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

    @Override
    public HealthCheckResponse call() {
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
