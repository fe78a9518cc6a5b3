package io.github.authentikprovisioner.authentik;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void thePauseDoublesFromTheFirstUpToTheMaximumAndStaysThere() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10));
        assertThat(IntStream.of(1, 2, 3, 4, 5, 6, 100, Integer.MAX_VALUE).mapToObj(backoff::after)
                .map(Duration::toSeconds)).containsExactly(1L, 2L, 4L, 8L, 10L, 10L, 10L, 10L);
    }

    @Test
    void aMaximumBelowTheFirstPauseCapsItToo() {
        assertThat(new Backoff(Duration.ofSeconds(2), Duration.ofMillis(500)).after(1)).isEqualTo(Duration.ofMillis(500));
    }
}
