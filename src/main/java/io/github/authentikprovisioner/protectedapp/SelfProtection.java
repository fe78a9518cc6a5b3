package io.github.authentikprovisioner.protectedapp;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.github.authentikprovisioner.authentik.Authentik;
import io.github.authentikprovisioner.authentik.Backoff;
import io.github.authentikprovisioner.reconcile.Change;
import io.quarkus.scheduler.Scheduled;

/**
 * Keeps this service's own Swagger UI behind authentik when {@code PROVISIONER_SELF_PUBLIC_URL} is set: the
 * {@link ProtectedApp} for that URL, first as soon as authentik answers after start (attempts 2 s apart, doubling up
 * to 5 minutes), then every hour, correcting drift. API calls still need the bearer token.
 */
@ApplicationScoped
class SelfProtection {

    private static final Logger LOG = Logger.getLogger(SelfProtection.class);
    private static final String NAME = "authentik-provisioner";
    private static final Duration AGAIN = Duration.ofHours(1);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private final SelfProtectionConfig config;
    private final Authentik authentik;
    private final ProtectedAppService service;
    private Instant nextAttempt = Instant.MIN;
    private int failures;

    SelfProtection(SelfProtectionConfig config, Authentik authentik, ProtectedAppService service) {
        this.config = config;
        this.authentik = authentik;
        this.service = service;
    }

    /** The protected app this service is, when it knows its public URL. */
    java.util.Optional<ProtectedApp> spec() {
        return config.publicUrl().map(url -> new ProtectedApp(NAME, NAME, url.toString().replaceAll("/+$", ""),
                config.accessGroup(), List.of()));
    }

    @Scheduled(identity = "self-protection", every = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void ensureIfDue() {
        java.util.Optional<ProtectedApp> spec = spec();
        Instant now = Instant.now();
        if (spec.isEmpty() || now.isBefore(nextAttempt)) {
            return;
        }
        try {
            ProtectedAppResult result = service.run(authentik.session(), spec.get(), false);
            failures = 0;
            nextAttempt = now.plus(AGAIN);
            if (result.changes().stream().anyMatch(c -> c.action() != Change.Action.NONE)) {
                LOG.infof("this service's own UI at %s is behind authentik, open to the members of '%s' (%s)",
                        spec.get().externalHost(), spec.get().accessGroup(), result.status().json());
            }
        } catch (RuntimeException e) {
            failures++;
            nextAttempt = now.plus(new Backoff(Duration.ofSeconds(2), MAX_BACKOFF).after(failures));
            if (failures == 1 || failures % 10 == 0) {
                LOG.warnf("could not protect this service's own UI yet (attempt %d, next in %d s): %s", failures,
                        Duration.between(now, nextAttempt).toSeconds(), e.getMessage());
            }
        }
    }
}
