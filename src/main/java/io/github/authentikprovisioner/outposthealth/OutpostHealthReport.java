package io.github.authentikprovisioner.outposthealth;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.github.authentikprovisioner.api.AuthentikCalls;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What the last outpost check found: every outpost (the embedded one first) with its instances and config, and every
 * host an outpost should protect with the outcome of asking the outpost about it exactly as Traefik does.
 */
@RegisterForReflection(targets = { OutpostHealthReport.Outpost.class, OutpostHealthReport.RunningInstance.class,
        OutpostHealthReport.AuthentikHost.class, OutpostHealthReport.Host.class,
        OutpostHealthReport.Probe.class, OutpostHealthReport.UnauthenticatedPath.class })
@Schema(name = "OutpostHealth", description = "The last check of outpost assignment, heartbeat, config and of every "
        + "protected host, end to end")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OutpostHealthReport(
        @Schema(description = "healthy: every host served; degraded: something will break or lags (propagating, "
                + "outdated, double-assigned, a skip-path pattern that does not work); unhealthy: a host is not "
                + "protected or not reachable; unknown: no check yet, or authentik did not answer",
                examples = "healthy") HealthStatus status,
        @Schema(description = "When the check began; absent before the first", examples = "2026-11-29T10:15:00Z")
        Instant checkedAt,
        @Schema(description = "How long the check took, authentik calls and probes included", examples = "84")
        long durationMs,
        @Schema(description = "Calls the check made to authentik's API: one list per kind and one health read per "
                + "outpost, plus the writes of healing") AuthentikCalls authentikCalls,
        @Schema(description = "Forward-auth requests sent to the outpost", examples = "3") int probes,
        @Schema(description = "Why the check could not be made, when status is unknown") String error,
        @Schema(description = "Every outpost, the embedded one first") List<Outpost> outposts,
        @Schema(description = "Every host an outpost should protect, by provider name") List<Host> hosts,
        @Schema(description = "What is wrong, one sentence each, with what to do",
                examples = "[\"sonarr.example.com: provider 'Sonarr' is on no outpost; this service put it back on "
                        + "the embedded outpost\"]") List<String> findings,
        @Schema(description = "Applications this service manages that are served and still open for nobody: every "
                + "group gating them lacks an active member") List<ClosedApp> closedApps) {

    /** Before the first check, or when the check could not read authentik. */
    static OutpostHealthReport unknown(Instant at, String error) {
        return new OutpostHealthReport(HealthStatus.UNKNOWN, at, 0, null, 0, error, List.of(), List.of(), List.of(),
                List.of());
    }

    OutpostHealthReport timed(long durationMs, AuthentikCalls calls, int probes) {
        return new OutpostHealthReport(status, checkedAt, durationMs, calls, probes, error, outposts, hosts, findings,
                closedApps);
    }

    OutpostHealthReport withClosedApps(List<ClosedApp> apps) {
        return new OutpostHealthReport(status, checkedAt, durationMs, authentikCalls, probes, error, outposts, hosts,
                findings, List.copyOf(apps));
    }

    /** An application served and open for nobody. */
    @Schema(name = "OutpostHealthClosedApp")
    public record ClosedApp(
            @Schema(examples = "nextcloud") String slug,
            @Schema(description = "The gate groups without an active member", examples = "[\"nextcloud Users\"]")
            List<String> groups,
            @Schema(description = "What to do, for a human") String advice) {
    }

    /** One outpost as authentik lists it, with its heartbeat. */
    @Schema(name = "OutpostHealthOutpost")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Outpost(
            @Schema(examples = "authentik Embedded Outpost") String name,
            @Schema(description = "proxy, ldap, radius or rac", examples = "proxy") String type,
            @Schema(description = "authentik's managed id; goauthentik.io/outposts/embedded for the embedded outpost",
                    examples = "goauthentik.io/outposts/embedded") String managed,
            @Schema(description = "connected, outdated (runs another version than authentik), stale (seen before, "
                    + "not lately), disconnected (only an instance whose state expired is listed), never-connected",
                    examples = "connected") OutpostConnection connection,
            @Schema(description = "The latest hello of any instance, from authentik or remembered by this service")
            Instant lastSeen,
            List<RunningInstance> instances,
            @Schema(description = "The embedded outpost only: its authentik_host against AUTHENTIK_PUBLIC_URL")
            AuthentikHost authentikHost,
            @Schema(description = "Names of the providers it serves", examples = "[\"Domain Forward Auth\"]")
            List<String> providers) {
    }

    /** One running instance of an outpost, as authentik's health endpoint lists it. */
    @Schema(name = "OutpostHealthInstance")
    public record RunningInstance(
            @Schema(examples = "authentik-server") String hostname,
            @Schema(examples = "2026.2.2") String version,
            Instant lastSeen,
            @Schema(description = "connected, outdated, stale, or disconnected: listed once more after its state "
                    + "expired, with no last hello", examples = "connected") OutpostConnection state) {
    }

    /**
     * The embedded outpost's {@code authentik_host}: the base of the sign-in redirects it sends browsers to
     * (internal/outpost/proxyv2/application/endpoint.go); blank, they point at authentik's internal address.
     */
    @Schema(name = "OutpostHealthAuthentikHost")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AuthentikHost(
            @Schema(description = "AUTHENTIK_PUBLIC_URL", examples = "https://auth.example.com") String expected,
            @Schema(examples = "https://auth.example.com") String actual,
            @Schema(description = "authentik_host_browser when set; the embedded outpost does not read it")
            String browser,
            boolean ok,
            @Schema(description = "When this service last corrected it") Instant healedAt) {
    }

    /** One host an outpost should protect. */
    @Schema(name = "OutpostHealthHost")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Host(
            @Schema(examples = "sonarr.example.com") String host,
            @Schema(examples = "Sonarr") String provider,
            @Schema(description = "Slug of the application the provider backs", examples = "sonarr")
            String application,
            @Schema(description = "forward_single, forward_domain or proxy", examples = "forward_single") String mode,
            @Schema(description = "Whether this service manages it (and may heal it)") boolean managed,
            @Schema(description = "The outposts whose providers list it", examples = "[\"authentik Embedded Outpost\"]")
            List<String> outposts,
            @Schema(description = "served, propagating, not-served, outpost-down, unassigned, double-assigned, "
                    + "unprotected", examples = "served") HostState state,
            @Schema(description = "Why, when not served") String detail,
            @Schema(description = "The forward-auth request sent for /, absent when the outpost cannot be reached "
                    + "from here (outposts other than the embedded one)") Probe probe,
            @Schema(description = "A sample path of each skip_path_regex line, which must pass without sign-in")
            List<UnauthenticatedPath> unauthenticatedPaths,
            @Schema(description = "When this service last put its provider back on the embedded outpost")
            Instant healedAt) {
    }

    /** One forward-auth request to the outpost, sent like Traefik's and never followed. */
    @Schema(name = "OutpostHealthProbe")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Probe(
            @Schema(description = "X-Forwarded-Uri sent", examples = "/") String uri,
            @Schema(description = "The outpost's status code; absent when it did not answer", examples = "302")
            Integer status,
            @Schema(description = "Host of the redirect target", examples = "auth.example.com") String redirectHost,
            @Schema(examples = "12") long milliseconds,
            @Schema(description = "Why there was no answer", examples = "connection refused") String error,
            @Schema(description = "When it was sent: a host is asked again only when what the outpost serves for it "
                    + "may have changed, until it is served, and in the full sweep every "
                    + "PROVISIONER_OUTPOST_FULL_PROBE_INTERVAL; otherwise this is an earlier check's answer")
            Instant at) {
    }

    /** A {@code skip_path_regex} line, and whether a path it obviously means passes without sign-in. */
    @Schema(name = "OutpostHealthUnauthenticatedPath")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UnauthenticatedPath(
            @Schema(examples = "^/api/.*") String pattern,
            @Schema(description = "The path (or URL, for domain-level providers) sent; absent when the pattern has "
                    + "no obvious sample", examples = "/api/") String sample,
            @Schema(description = "Whether the outpost let the sample through without a redirect")
            Boolean passed,
            @Schema(description = "Why the outpost skips or misreads the line") String problem,
            Probe probe) {
    }
}
