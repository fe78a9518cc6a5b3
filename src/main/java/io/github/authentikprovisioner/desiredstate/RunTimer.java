package io.github.authentikprovisioner.desiredstate;

import java.time.Duration;
import java.time.Instant;


import io.github.authentikprovisioner.reconcile.Conflict;
import io.github.authentikprovisioner.authentik.AuthentikException;
import io.github.authentikprovisioner.authentik.Backoff;
import io.github.authentikprovisioner.authentik.Pace;

/**
 * When the desired-state file is applied next ({@link Pace}, pure, tested with instants): the first run is due at
 * once; while authentik does not answer, the next one is due 1 s later, then 2 s, 4 s, … up to the reconcile interval;
 * until the file has been applied once since start, at most {@link #STARTUP_RETRY_CAP} apart, so that a starting
 * authentik gets the file within seconds of answering however long it took to start. After a run that applied the
 * file, or that failed for a reason a quick retry cannot fix (an invalid document, a conflict), one interval later.
 */
final class RunTimer {

    /** The longest pause between attempts before the file was first applied: one failed connection costs nothing. */
    static final Duration STARTUP_RETRY_CAP = Duration.ofSeconds(4);

    /** The pause after the first run authentik did not answer; it doubles with each further one. */
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);

    /** How a run ended, as far as its timing is concerned. */
    enum Ending {
        /** The file was applied (whether or not anything changed). */
        APPLIED,
        /**
         * authentik did not answer: unreachable, 5xx, too slow, or it refused the token (as before its bootstrap); or
         * an entry waits for something the service does by itself within seconds (the hand-over to its own token).
         */
        AUTHENTIK_UNANSWERED,
        /** Anything else: trying again sooner than the interval would fail the same way. */
        FAILED;

        /** The outcome of a run that threw {@code e}. */
        static Ending of(Throwable e) {
            Throwable cause = e instanceof DesiredStateEntryException entry ? entry.getCause() : e;
            return cause instanceof AuthentikException.Unavailable || cause instanceof AuthentikException.TokenRefused
                    || cause instanceof AuthentikException.DeadlineExceeded
                    || cause instanceof Conflict c && c.clearsBySelf() ? AUTHENTIK_UNANSWERED : FAILED;
        }
    }

    private RunTimer() {
    }

    /** The pace after a run that ended at {@code end} with {@code ending}. */
    static Pace after(Pace pace, Ending ending, Instant end, Duration interval) {
        return switch (ending) {
            case APPLIED -> pace.succeeded(end, interval);
            case FAILED -> pace.postponed(end, interval);
            case AUTHENTIK_UNANSWERED -> {
                Duration delay = retryDelay(pace.failures() + 1, interval);
                yield pace.failed(end, !pace.succeeded() && delay.compareTo(STARTUP_RETRY_CAP) > 0
                        ? STARTUP_RETRY_CAP : delay);
            }
        };
    }

    /** The pause after the {@code failed}th unanswered run in a row: 1 s doubling, at most {@code interval}. */
    static Duration retryDelay(int failed, Duration interval) {
        return new Backoff(FIRST_RETRY, interval).after(failed);
    }
}
