package io.github.authentikprovisioner.outposthealth;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Whether an outpost keeps in touch with authentik: its instances say hello every 10 s and authentik lists an
 * instance for 15 s after its last message (authentik/outposts/consumer.py, models.py {@code OutpostState}).
 */
public enum OutpostConnection {
    /** An instance was seen within the allowed age and runs authentik's version. */
    CONNECTED,
    /** Connected, but every recent instance runs another version than authentik ({@code version_outdated}). */
    OUTDATED,
    /** Seen before, by this service or by authentik, but not within the allowed age. */
    STALE,
    /**
     * Not connected: authentik lists the instance once more after its state expired, with {@code last_seen: null}
     * (see {@link Observed.Heartbeat#expired()}); for an outpost, such an instance is all there is and this service
     * never saw it connected.
     */
    DISCONNECTED,
    /** No instance ever listed since this service started. */
    NEVER_CONNECTED;

    /** Whether the outpost can receive configuration changes. */
    public boolean live() {
        return this == CONNECTED || this == OUTDATED;
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
