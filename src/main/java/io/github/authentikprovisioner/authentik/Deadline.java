package io.github.authentikprovisioner.authentik;

import java.time.Duration;

/**
 * When a unit of work must be done calling authentik ({@code AUTHENTIK_REQUEST_DEADLINE}, or a document's): no call
 * starts after it, and a call under way gets at most what remains of it, retries included, so a caller has its answer
 * (504 with {@code Retry-After}) within the deadline however slowly authentik answers.
 *
 * @param budget the whole time the unit of work has
 * @param end when it runs out ({@link System#nanoTime()})
 */
record Deadline(Duration budget, long end) {

    static Deadline in(Duration budget) {
        return new Deadline(budget, System.nanoTime() + budget.toNanos());
    }

    long remainingNanos() {
        return end - System.nanoTime();
    }

    /** Stops before a call when the time is used up. */
    void check() {
        if (remainingNanos() <= 0) {
            throw exceeded();
        }
    }

    /** The failure a call that ran out of time answers: 504 with {@code Retry-After}. */
    AuthentikException.DeadlineExceeded exceeded() {
        return new AuthentikException.DeadlineExceeded("authentik answered too slowly: this request used up its "
                + budget.toSeconds() + " s for authentik calls; it stopped before its next call, and running it "
                + "again converges");
    }
}
