package io.github.authentikprovisioner.desiredstate;

import java.time.Duration;
import java.time.Instant;

import io.github.authentikprovisioner.reconcile.Conflict;
import io.github.authentikprovisioner.authentik.AuthentikException;

/**
 * When the desired-state file is applied next, decided from what the last run did and when it ended: a pure value,
 * so the schedule is tested with instants instead of waits. The first run is due at once; while authentik does not
 * answer, the next one is due 1 s later, then 2 s, 4 s, … up to the reconcile interval; until the file has been
 * applied once since start, at most {@link #STARTUP_RETRY_CAP} apart, so that a starting authentik gets the file
 * within seconds of answering however long it took to start. After a run that applied the file, or that failed for a
 * reason a quick retry cannot fix (an invalid document, a conflict), one interval later.
 *
 * @param nextRun when the next run is due
 * @param unanswered runs in a row that authentik did not answer; 0 after any other outcome
 * @param unansweredSince when the first of those ended; null when there are none
 * @param applied whether a run has applied the file since start
 */
record RunTimer(Instant nextRun, int unanswered, Instant unansweredSince, boolean applied) {

    /** The longest pause between attempts before the file was first applied: one failed connection costs nothing. */
    static final Duration STARTUP_RETRY_CAP = Duration.ofSeconds(4);

    /** The pause after the first run authentik did not answer; it doubles with each further one. */
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);

    /** At start: due at once. */
    static final RunTimer AT_START = new RunTimer(Instant.EPOCH, 0, null, false);

    /** How a run ended, as far as its timing is concerned. */
    enum Outcome {
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
        static Outcome of(Throwable e) {
            Throwable cause = e instanceof DesiredStateEntryException entry ? entry.getCause() : e;
            return cause instanceof AuthentikException.Unavailable || cause instanceof AuthentikException.TokenRefused
                    || cause instanceof AuthentikException.DeadlineExceeded
                    || cause instanceof Conflict c && c.clearsBySelf() ? AUTHENTIK_UNANSWERED : FAILED;
        }
    }

    boolean due(Instant now) {
        return !now.isBefore(nextRun);
    }

    /** The timer after a run that ended at {@code end} with {@code outcome}. */
    RunTimer after(Outcome outcome, Instant end, Duration interval) {
        if (outcome != Outcome.AUTHENTIK_UNANSWERED) {
            return new RunTimer(end.plus(interval), 0, null, applied || outcome == Outcome.APPLIED);
        }
        int failed = unanswered + 1;
        Duration delay = retryDelay(failed, interval);
        if (!applied && delay.compareTo(STARTUP_RETRY_CAP) > 0) {
            delay = STARTUP_RETRY_CAP;
        }
        return new RunTimer(end.plus(delay), failed, unansweredSince == null ? end : unansweredSince, applied);
    }

    /** The pause after the {@code failed}th unanswered run in a row: 1 s doubling, at most {@code interval}. */
    static Duration retryDelay(int failed, Duration interval) {
        return new io.github.authentikprovisioner.authentik.Backoff(FIRST_RETRY, interval).after(failed);
    }
}
