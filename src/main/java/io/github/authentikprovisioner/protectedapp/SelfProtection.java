package io.github.authentikprovisioner.protectedapp;

import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.github.authentikprovisioner.authentik.Authentik;
import io.github.authentikprovisioner.authentik.Backoff;
import io.github.authentikprovisioner.authentik.Pace;
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
    private final Clock clock;
    private Pace pace = Pace.AT_START;

    SelfProtection(SelfProtectionConfig config, Authentik authentik, ProtectedAppService service, Clock clock) {
        this.config = config;
        this.clock = clock;
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
        Instant now = clock.instant();
        if (spec.isEmpty() || !pace.due(now)) {
            return;
        }
        try {
            ProtectedAppResult result = service.run(authentik.session(), spec.get(), false);
            pace = pace.succeeded(clock.instant(), AGAIN);
            if (result.changes().stream().anyMatch(c -> c.action() != Change.Action.NONE)) {
                LOG.infof("this service's own UI at %s is behind authentik, open to the members of '%s' (%s)",
                        spec.get().externalHost(), spec.get().accessGroup(), result.status().json());
            }
        } catch (RuntimeException e) {
            Duration pause = pace.backoff(new Backoff(Duration.ofSeconds(2), MAX_BACKOFF));
            pace = pace.failed(clock.instant(), pause);
            if (pace.failures() == 1 || pace.failures() % 10 == 0) {
                LOG.warnf("could not protect this service's own UI yet (attempt %d, next in %d s): %s",
                        pace.failures(), pause.toSeconds(), e.getMessage());
            }
        }
    }
}
