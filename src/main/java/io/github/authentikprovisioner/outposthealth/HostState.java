package io.github.authentikprovisioner.outposthealth;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a host an outpost should protect is protected, as the last check found it. */
public enum HostState {
    /** The outpost answered the forward-auth probe with a redirect to sign-in. */
    SERVED(false),
    /** Not served yet, but its provider or outpost changed less than the propagation time ago. */
    PROPAGATING(false),
    /** The outpost does not know the host: its provider is missing from the outpost, or the outpost cannot serve it. */
    NOT_SERVED(true),
    /** The outpost did not answer (refused, timed out, 5xx) or has not checked in. */
    OUTPOST_DOWN(true),
    /** Its provider is on no outpost and this service does not manage it, so it is left alone. */
    UNASSIGNED(true),
    /** Its provider is on two or more outposts, which then both serve it with their own sessions. */
    DOUBLE_ASSIGNED(false),
    /** The outpost let the probe of {@code /} through without sign-in: a skip-path pattern matches every path. */
    UNPROTECTED(true);

    private final boolean broken;

    HostState(boolean broken) {
        this.broken = broken;
    }

    /** Whether users of the host are either locked out or let in unchecked. */
    public boolean broken() {
        return broken;
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
