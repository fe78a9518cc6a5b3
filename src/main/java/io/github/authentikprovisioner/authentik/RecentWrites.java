package io.github.authentikprovisioner.authentik;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When this process last wrote each authentik object, for an hour: an outpost picks up a change asynchronously (a
 * websocket trigger and 0–9 s of jitter, internal/outpost/ak/api_event.go), so a check that finds a just-written
 * host not served yet can tell "still propagating" from "broken".
 */
public final class RecentWrites {

    private static final Duration KEPT = Duration.ofHours(1);

    private final Map<String, Instant> writes = new ConcurrentHashMap<>();
    private final Clock clock;

    RecentWrites(Clock clock) {
        this.clock = clock;
    }

    /** When this process last created, changed or deleted the object of {@code kind} with pk {@code pk}. */
    public Optional<Instant> at(Kind kind, String pk) {
        return Optional.ofNullable(writes.get(kind.name() + ":" + pk));
    }

    /** Forgets every write, as after a restart (tests, where authentik is reset and pks are used again). */
    public void clear() {
        writes.clear();
    }

    void wrote(Kind kind, String pk) {
        Instant now = clock.instant();
        if (writes.size() > 1000) {
            writes.values().removeIf(at -> at.isBefore(now.minus(KEPT)));
        }
        writes.put(kind.name() + ":" + pk, now);
    }
}
