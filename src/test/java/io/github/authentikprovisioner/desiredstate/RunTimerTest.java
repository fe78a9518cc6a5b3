package io.github.authentikprovisioner.desiredstate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import io.github.authentikprovisioner.authentik.Pace;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.authentikprovisioner.authentik.AuthentikException;
import io.github.authentikprovisioner.desiredstate.RunTimer.Ending;

/** When the desired-state file is applied next, with instants passed in instead of waits. */
class RunTimerTest {

    private static final Instant START = Instant.parse("2026-06-01T10:00:00Z");
    private static final Duration INTERVAL = Duration.ofMinutes(5);

    @Test
    void theFirstRunIsDueAtOnce() {
        assertThat(Pace.AT_START.due(START)).isTrue();
    }

    @Test
    void beforeTheFirstApplyAttemptsAreAtMost4sApartSoTheFileLandsWithin5sOfAuthentikAnswering() {
        Pace timer = Pace.AT_START;
        Instant now = START;
        List<Duration> pauses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            timer = RunTimer.after(timer, Ending.AUTHENTIK_UNANSWERED, now, INTERVAL);
            pauses.add(Duration.between(now, timer.next()));
            now = timer.next().plusMillis(300);
        }
        assertThat(pauses).extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L, 4L, 4L, 4L);
    }

    @Test
    void whileAuthentikDoesNotAnswerAfterAnApplyTheNextRunIsDue1sThen2s4sAndSoOnUpToTheInterval() {
        Pace timer = RunTimer.after(Pace.AT_START, Ending.APPLIED, START, INTERVAL);
        Instant now = START;
        List<Duration> pauses = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            timer = RunTimer.after(timer, Ending.AUTHENTIK_UNANSWERED, now, INTERVAL);
            pauses.add(Duration.between(now, timer.next()));
            assertThat(timer.due(timer.next().minusMillis(1))).isFalse();
            assertThat(timer.due(timer.next())).isTrue();
            now = timer.next().plusMillis(300); // the tick that finds it due, and the attempt itself
        }
        assertThat(pauses).extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L,
                300L, 300L);
        assertThat(timer.failures()).isEqualTo(11);
        assertThat(timer.failingSince()).isEqualTo(START);
    }

    @Test
    void theFirstAppliedRunEndsTheWaitAndTheNextIsAnIntervalLater() {
        Pace waiting = RunTimer.after(RunTimer.after(Pace.AT_START, Ending.AUTHENTIK_UNANSWERED, START, INTERVAL),
                Ending.AUTHENTIK_UNANSWERED, START.plusSeconds(2), INTERVAL);
        Pace applied = RunTimer.after(waiting, Ending.APPLIED, START.plusSeconds(5), INTERVAL);

        assertThat(applied).isEqualTo(new Pace(START.plusSeconds(5).plus(INTERVAL), 0, null, true));
        assertThat(applied.due(START.plusSeconds(6))).isFalse();
        // an outage later starts again from 1 s
        assertThat(RunTimer.after(applied, Ending.AUTHENTIK_UNANSWERED, START.plusSeconds(400), INTERVAL).next())
                .isEqualTo(START.plusSeconds(401));
    }

    @Test
    void aRunThatFailsForAnotherReasonDoesNotSpinButWaitsTheInterval() {
        Pace waiting = RunTimer.after(Pace.AT_START, Ending.AUTHENTIK_UNANSWERED, START, INTERVAL);
        Pace failed = RunTimer.after(waiting, Ending.FAILED, START.plusSeconds(2), INTERVAL);

        assertThat(failed).isEqualTo(new Pace(START.plusSeconds(2).plus(INTERVAL), 0, null, false));
    }

    @Test
    void anIntervalShorterThanASecondCapsTheFirstRetryToo() {
        Duration interval = Duration.ofMillis(500);
        assertThat(RunTimer.retryDelay(1, interval)).isEqualTo(interval);
        assertThat(RunTimer.retryDelay(200, INTERVAL)).isEqualTo(INTERVAL);
    }

    @Test
    void authentikNotAnsweringIsTheOnlyOutcomeRetriedSoon() {
        var unavailable = new AuthentikException.Unavailable("connection refused", null);
        assertThat(Ending.of(unavailable)).isEqualTo(Ending.AUTHENTIK_UNANSWERED);
        assertThat(Ending.of(new DesiredStateEntryException("[0].forwardAuth", unavailable)))
                .isEqualTo(Ending.AUTHENTIK_UNANSWERED);
        assertThat(Ending.of(new AuthentikException.TokenRefused("403"))).isEqualTo(Ending.AUTHENTIK_UNANSWERED);
        assertThat(Ending.of(new AuthentikException.DeadlineExceeded("30 s"))).isEqualTo(Ending.AUTHENTIK_UNANSWERED);

        assertThat(Ending.of(new DesiredStateEntryException("[1].servarr",
                new AuthentikException.Rejected("name taken", List.of())))).isEqualTo(Ending.FAILED);
        assertThat(Ending.of(new InvalidDesiredStateException(List.of()))).isEqualTo(Ending.FAILED);
        assertThat(Ending.of(new java.io.IOException("no such file"))).isEqualTo(Ending.FAILED);
    }

    @Test
    void anEntryWaitingForTheHandOverToTheServicesOwnTokenIsRetriedSoonOtherConflictsAreNot() {
        var waiting = io.github.authentikprovisioner.reconcile.Conflict.clearingBySelf("still akadmin's token");
        assertThat(Ending.of(new DesiredStateEntryException("[0].admin", waiting)))
                .isEqualTo(Ending.AUTHENTIK_UNANSWERED);
        assertThat(Ending.of(new DesiredStateEntryException("[0].admin",
                io.github.authentikprovisioner.reconcile.Conflict.of("no password set")))).isEqualTo(Ending.FAILED);
    }
}
