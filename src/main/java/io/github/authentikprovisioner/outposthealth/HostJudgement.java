package io.github.authentikprovisioner.outposthealth;

import java.time.Duration;
import java.time.Instant;

/**
 * What the embedded outpost's answer for {@code /} of a host it lists means. Pure, like {@link OutpostAssessment},
 * which asks it. A host the outpost does not know (its 404) has three causes, told apart by what this service knows:
 * the change is too recent to have reached it; the outpost process has just started and answers before its first
 * refresh has loaded anything; or the outpost has not reloaded since the host's application was created or re-pointed,
 * which sends outposts no update at all (authentik/core/signals.py), so it waits for the next refresh interval unless
 * the outpost is saved. Only when it still does not know the host after a reload is the external host to blame.
 */
final class HostJudgement {

    private HostJudgement() {
    }

    /** A host's state, why (null when served), and whether saving the outpost should put it right. */
    record Judged(HostState state, String detail, boolean reload) {
    }

    /**
     * @param changed when the provider or its outpost last changed, as far as this service knows; null if unknown
     * @param started when the newest live instance of the outpost was first seen, a new outpost process; null if none
     * @param reloaded when this service last saved the outpost because it had not loaded this host; null if never
     * @param mayReload whether this service saves the outpost for this host (healing on, a provider it manages)
     */
    static Judged probed(ProbeResult probe, Instant changed, Instant started, Instant reloaded, boolean mayReload,
            Duration propagation, Instant now) {
        switch (probe.verdict()) {
            case SIGN_IN -> {
                return new Judged(HostState.SERVED, null, false);
            }
            case PASSED -> {
                return new Judged(HostState.UNPROTECTED, "/ passed without sign-in: a skip_path_regex line matches "
                        + "every path", false);
            }
            case DOWN -> {
                return new Judged(HostState.OUTPOST_DOWN, "the outpost at the forward-auth address answered "
                        + probe.describe(), false);
            }
            case UNKNOWN_HOST, OTHER -> {
                // judged below
            }
        }
        Instant window = now.minus(propagation);
        if (changed != null && !changed.isBefore(window)) {
            return new Judged(HostState.PROPAGATING, "changed at " + changed + "; the outpost refreshes its "
                    + "configuration within seconds of a change (and every refresh interval)", false);
        }
        if (started != null && !started.isBefore(window)) {
            // the embedded outpost says hello when it connects (api.go NewAPIController, initEvent) and loads its
            // providers only in its first refresh after that (api_event.go startIntervalUpdater): until then
            // authentik-server answers 404 for every host (proxyv2.go HandleHost)
            return new Judged(HostState.PROPAGATING, "a new instance of the outpost, first seen at " + started
                    + ", answered " + probe.describe() + ": right after authentik-server starts, the outpost answers "
                    + "before its first refresh has loaded any provider", false);
        }
        if (probe.verdict() != ProbeResult.Verdict.UNKNOWN_HOST) {
            return new Judged(HostState.NOT_SERVED, "listed by the embedded outpost, which answered "
                    + probe.describe(), false);
        }
        if (reloaded != null && !reloaded.isBefore(window)) {
            return new Judged(HostState.PROPAGATING, "this service saved the outpost at " + reloaded + " so that it "
                    + "reloads", false);
        }
        if (reloaded != null && (changed == null || !reloaded.isBefore(changed))) {
            return new Judged(HostState.NOT_SERVED, "listed by the embedded outpost, which answered "
                    + probe.describe() + " although it reloaded at " + reloaded + ": it does not know the host; "
                    + "check the provider's external host", false);
        }
        return new Judged(HostState.NOT_SERVED, "listed by the embedded outpost, which answered " + probe.describe()
                + ": it has not loaded the host. An outpost reloads when it or a provider on it is saved, not when an "
                + "application is, so a created or re-pointed application waits for its next refresh (every refresh "
                + "interval, 5 minutes by default)" + (mayReload ? "; this service saves the outpost so it reloads now"
                        : "; save the outpost in authentik, or run the app's recipe again, to make it reload now"),
                mayReload);
    }
}
