package io.github.authentikprovisioner.bootstrap;

import java.time.Duration;
import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.github.authentikprovisioner.authentik.AuthentikException;
import io.github.authentikprovisioner.authentik.Backoff;
import io.github.authentikprovisioner.authentik.Pace;
import io.quarkus.scheduler.Scheduled;

/**
 * Makes the service-account hand-over on its own after start: the first attempt as soon as authentik answers, then,
 * after a failure, again with a growing pause ({@link HandoverConfig}), until it is done. The failure is logged with
 * what to do; the token in use stays the one that worked. Without {@code AUTHENTIK_SERVICE_TOKEN} it does nothing.
 */
@ApplicationScoped
class HandoverSchedule {

    private static final Logger LOG = Logger.getLogger(HandoverSchedule.class);

    private final ServiceAccountHandover handover;
    private final HandoverConfig config;

    private final Clock clock;
    private Pace pace = Pace.AT_START;
    private boolean waitingLogged;

    HandoverSchedule(ServiceAccountHandover handover, HandoverConfig config, Clock clock) {
        this.handover = handover;
        this.config = config;
        this.clock = clock;
    }

    /** One tick: an attempt when one is due (never after success, not before the pause after a failure is over). */
    @Scheduled(identity = "service-account-handover", every = "1s", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void tick() {
        Instant now = clock.instant();
        if (!handover.configured() || !pace.due(now)) {
            return;
        }
        try {
            handover.run(false);
            pace = pace.succeeded(clock.instant(), null);
        } catch (AuthentikException.Unavailable e) {
            // authentik is not up yet (or restarting): keep asking at the shortest pause, without a warning each time
            pace = pace.failed(clock.instant(), config.retryDelay());
            if (!waitingLogged) {
                LOG.infof("service-account hand-over waits for authentik: %s", e.getMessage());
                waitingLogged = true;
            }
        } catch (RuntimeException e) {
            Duration pause = pace.backoff(new Backoff(config.retryDelay(), config.maxRetryDelay()));
            pace = pace.failed(clock.instant(), pause);
            LOG.warnf("%s (next attempt in %d s)", e.getMessage(), pause.toSeconds());
        }
    }

    /** Whether the hand-over has succeeded since start. */
    synchronized boolean done() {
        return pace.succeeded();
    }

    /** Attempts failed in a row. */
    synchronized int failures() {
        return pace.failures();
    }

    /** Back to the state after start (tests: each begins with a fresh authentik). */
    synchronized void startOver() {
        pace = Pace.AT_START;
        waitingLogged = false;
    }

    /** The pause after the {@code failures}-th failure in a row: doubled each time, at most {@code max}. */
    static Duration pause(int failures, Duration first, Duration max) {
        return new Backoff(first, max).after(failures);
    }
}
