package io.github.authentikprovisioner.authentik;

import java.time.Duration;

/**
 * The pause before asking authentik again after failures in a row: {@code first}, doubled after each further
 * failure, at most {@code max}. Every job that waits for authentik on its own (the hand-over, the desired-state file,
 * the outpost check, the service's own protection) paces its attempts with it.
 */
public record Backoff(Duration first, Duration max) {

    /** The pause after the {@code failures}-th failure in a row (1 for the first). */
    public Duration after(int failures) {
        Duration pause = first;
        for (int i = 1; i < failures && pause.compareTo(max) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(max) > 0 ? max : pause;
    }
}
