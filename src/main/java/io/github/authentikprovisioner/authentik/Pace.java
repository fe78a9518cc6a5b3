package io.github.authentikprovisioner.authentik;

import java.time.Duration;
import java.time.Instant;

/**
 * When a job that waits for authentik on its own (the hand-over, the desired-state file, the outpost check, this
 * service's own protection) runs next, decided from what its last attempt did and when: a pure value, so schedules
 * are tested with instants, and run with an injected {@link java.time.Clock}, never with waits.
 *
 * @param next when the next attempt is due ({@link Instant#MAX}: never, a job done once)
 * @param failures attempts that failed in a row; 0 after a success
 * @param failingSince when the first of those ended; null when there are none
 * @param succeeded whether an attempt has succeeded since start
 */
public record Pace(Instant next, int failures, Instant failingSince, boolean succeeded) {

    /** At start: due at once. */
    public static final Pace AT_START = new Pace(Instant.EPOCH, 0, null, false);

    public boolean due(Instant now) {
        return !now.isBefore(next);
    }

    /** After an attempt that succeeded at {@code end}: due again {@code every} later, or never when null. */
    public Pace succeeded(Instant end, Duration every) {
        return new Pace(every == null ? Instant.MAX : end.plus(every), 0, null, true);
    }

    /** After an attempt that failed at {@code end}: due again after {@code pause}. */
    public Pace failed(Instant end, Duration pause) {
        return new Pace(end.plus(pause), failures + 1, failingSince == null ? end : failingSince, succeeded);
    }

    /** The pause {@code backoff} gives the failure about to be counted. */
    public Duration backoff(Backoff backoff) {
        return backoff.after(failures + 1);
    }

    /** After an attempt that failed in a way a quick retry cannot fix: due again {@code every} later, no wait counted. */
    public Pace postponed(Instant end, Duration every) {
        return new Pace(end.plus(every), 0, null, succeeded);
    }
}
