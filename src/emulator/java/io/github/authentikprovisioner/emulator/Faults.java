package io.github.authentikprovisioner.emulator;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Failures the emulator injects on demand: added latency, being down (connections closed unanswered), an error
 * status on the Nth matching call, or an error on a random share of calls.
 */
public final class Faults {

    private volatile Duration latency = Duration.ZERO;
    private volatile boolean down;
    private volatile double errorRate;
    private volatile int errorRateStatus = 500;
    private final List<NthCall> nth = new CopyOnWriteArrayList<>();

    /** Delays every answer by {@code latency}. */
    public Faults latency(Duration latency) {
        this.latency = latency;
        return this;
    }

    /** While down, every connection is closed without an answer, as when authentik is stopped mid-flight. */
    public Faults down(boolean down) {
        this.down = down;
        return this;
    }

    /** Answers {@code status} to a random {@code rate} (0..1) of calls. */
    public Faults errorRate(double rate, int status) {
        this.errorRate = rate;
        this.errorRateStatus = status;
        return this;
    }

    /** Answers {@code status} to the {@code n}th call (1-based) whose method and path match. */
    public Faults failNth(String method, String pathRegex, int n, int status) {
        nth.add(new NthCall(method, Pattern.compile(pathRegex), n, status, new AtomicInteger()));
        return this;
    }

    public Faults clear() {
        latency = Duration.ZERO;
        down = false;
        errorRate = 0;
        nth.clear();
        return this;
    }

    Duration latency() {
        return latency;
    }

    boolean isDown() {
        return down;
    }

    /** The error status to answer this call with, if a fault applies. */
    Optional<Integer> errorFor(String method, String path) {
        for (NthCall f : nth) {
            if (f.method.equalsIgnoreCase(method) && f.path.matcher(path).find()
                    && f.seen.incrementAndGet() == f.n) {
                return Optional.of(f.status);
            }
        }
        if (errorRate > 0 && ThreadLocalRandom.current().nextDouble() < errorRate) {
            return Optional.of(errorRateStatus);
        }
        return Optional.empty();
    }

    private record NthCall(String method, Pattern path, int n, int status, AtomicInteger seen) {
    }
}
