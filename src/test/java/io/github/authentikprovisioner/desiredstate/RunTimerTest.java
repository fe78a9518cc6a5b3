package io.github.authentikprovisioner.desiredstate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.authentikprovisioner.authentik.AuthentikException;
import io.github.authentikprovisioner.desiredstate.RunTimer.Outcome;

/** When the desired-state file is applied next, with instants passed in instead of waits. */
class RunTimerTest {

    private static final Instant START = Instant.parse("2026-06-01T10:00:00Z");
    private static final Duration INTERVAL = Duration.ofMinutes(5);

    @Test
    void theFirstRunIsDueAtOnce() {
        assertThat(RunTimer.AT_START.due(START)).isTrue();
    }

    @Test
    void beforeTheFirstApplyAttemptsAreAtMost4sApartSoTheFileLandsWithin5sOfAuthentikAnswering() {
        RunTimer timer = RunTimer.AT_START;
        Instant now = START;
        List<Duration> pauses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            timer = timer.after(Outcome.AUTHENTIK_UNANSWERED, now, INTERVAL);
            pauses.add(Duration.between(now, timer.nextRun()));
            now = timer.nextRun().plusMillis(300);
        }
        assertThat(pauses).extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L, 4L, 4L, 4L);
    }

    @Test
    void whileAuthentikDoesNotAnswerAfterAnApplyTheNextRunIsDue1sThen2s4sAndSoOnUpToTheInterval() {
        RunTimer timer = RunTimer.AT_START.after(Outcome.APPLIED, START, INTERVAL);
        Instant now = START;
        List<Duration> pauses = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            timer = timer.after(Outcome.AUTHENTIK_UNANSWERED, now, INTERVAL);
            pauses.add(Duration.between(now, timer.nextRun()));
            assertThat(timer.due(timer.nextRun().minusMillis(1))).isFalse();
            assertThat(timer.due(timer.nextRun())).isTrue();
            now = timer.nextRun().plusMillis(300); // the tick that finds it due, and the attempt itself
        }
        assertThat(pauses).extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L,
                300L, 300L);
        assertThat(timer.unanswered()).isEqualTo(11);
        assertThat(timer.unansweredSince()).isEqualTo(START);
    }

    @Test
    void theFirstAppliedRunEndsTheWaitAndTheNextIsAnIntervalLater() {
        RunTimer waiting = RunTimer.AT_START.after(Outcome.AUTHENTIK_UNANSWERED, START, INTERVAL)
                .after(Outcome.AUTHENTIK_UNANSWERED, START.plusSeconds(2), INTERVAL);
        RunTimer applied = waiting.after(Outcome.APPLIED, START.plusSeconds(5), INTERVAL);

        assertThat(applied).isEqualTo(new RunTimer(START.plusSeconds(5).plus(INTERVAL), 0, null, true));
        assertThat(applied.due(START.plusSeconds(6))).isFalse();
        // an outage later starts again from 1 s
        assertThat(applied.after(Outcome.AUTHENTIK_UNANSWERED, START.plusSeconds(400), INTERVAL).nextRun())
                .isEqualTo(START.plusSeconds(401));
    }

    @Test
    void aRunThatFailsForAnotherReasonDoesNotSpinButWaitsTheInterval() {
        RunTimer waiting = RunTimer.AT_START.after(Outcome.AUTHENTIK_UNANSWERED, START, INTERVAL);
        RunTimer failed = waiting.after(Outcome.FAILED, START.plusSeconds(2), INTERVAL);

        assertThat(failed).isEqualTo(new RunTimer(START.plusSeconds(2).plus(INTERVAL), 0, null, false));
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
        assertThat(Outcome.of(unavailable)).isEqualTo(Outcome.AUTHENTIK_UNANSWERED);
        assertThat(Outcome.of(new DesiredStateEntryException("[0].forwardAuth", unavailable)))
                .isEqualTo(Outcome.AUTHENTIK_UNANSWERED);
        assertThat(Outcome.of(new AuthentikException.TokenRefused("403"))).isEqualTo(Outcome.AUTHENTIK_UNANSWERED);
        assertThat(Outcome.of(new AuthentikException.DeadlineExceeded("30 s"))).isEqualTo(Outcome.AUTHENTIK_UNANSWERED);

        assertThat(Outcome.of(new DesiredStateEntryException("[1].servarr",
                new AuthentikException.Rejected("name taken", List.of())))).isEqualTo(Outcome.FAILED);
        assertThat(Outcome.of(new InvalidDesiredStateException(List.of()))).isEqualTo(Outcome.FAILED);
        assertThat(Outcome.of(new java.io.IOException("no such file"))).isEqualTo(Outcome.FAILED);
    }

    @Test
    void anEntryWaitingForTheHandOverToTheServicesOwnTokenIsRetriedSoonOtherConflictsAreNot() {
        var waiting = io.github.authentikprovisioner.reconcile.Conflict.clearingBySelf("still akadmin's token");
        assertThat(Outcome.of(new DesiredStateEntryException("[0].admin", waiting)))
                .isEqualTo(Outcome.AUTHENTIK_UNANSWERED);
        assertThat(Outcome.of(new DesiredStateEntryException("[0].admin",
                io.github.authentikprovisioner.reconcile.Conflict.of("no password set")))).isEqualTo(Outcome.FAILED);
    }
}
