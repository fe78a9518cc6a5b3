package io.github.authentikprovisioner.outposthealth;

import java.time.Instant;

import java.net.URI;

/**
 * The outpost's answer to one forward-auth request, and what it means.
 *
 * @param status the status code; null when the outpost did not answer
 * @param location the {@code Location} header of a redirect
 * @param body the first bytes of the body of a 4xx, to recognise "no app for hostname"
 * @param millis how long the answer took
 * @param error why there was no answer (refused, timed out)
 * @param at when it was asked; null when not known
 */
record ProbeResult(Integer status, String location, String body, long millis, String error, Instant at) {

    ProbeResult(Integer status, String location, String body, long millis, String error) {
        this(status, location, body, millis, error, null);
    }

    /** The same answer, asked at {@code when}. */
    ProbeResult at(Instant when) {
        return new ProbeResult(status, location, body, millis, error, when);
    }

    /** How an answer reads. */
    enum Verdict {
        /** A redirect to the start of sign-in (authorize endpoint, or the outpost's own start). */
        SIGN_IN,
        /** 2xx without redirect: the path passes unauthenticated. */
        PASSED,
        /** The outpost knows no application for the host. */
        UNKNOWN_HOST,
        /** No answer or a 5xx: the outpost (or authentik-server, which runs it) is down or broken. */
        DOWN,
        /** Anything else. */
        OTHER
    }

    static ProbeResult failed(long millis, String error) {
        return new ProbeResult(null, null, null, millis, error);
    }

    /**
     * What the answer means. Unauthenticated, a served host is redirected straight to the OAuth authorize URL
     * (internal/outpost/proxyv2/application/oauth.go {@code handleAuthStart}); an allow-listed path gets 200 with an
     * empty body (mode_forward.go {@code forwardHandleTraefik}). A host no application matches falls through to
     * authentik's core on the embedded outpost (proxyv2.go {@code HandleHost}: 404) and is a 400 "no app for
     * hostname" on a standalone outpost (handlers.go {@code Handle}).
     */
    Verdict verdict() {
        if (status == null) {
            return Verdict.DOWN;
        }
        if (status >= 300 && status < 400 && location != null
                && (location.contains("/application/o/authorize/") || location.contains("/outpost.goauthentik.io/start"))) {
            return Verdict.SIGN_IN;
        }
        if (status >= 200 && status < 300) {
            return Verdict.PASSED;
        }
        if (status == 404 || status == 400 && body != null && body.contains("no app for hostname")) {
            return Verdict.UNKNOWN_HOST;
        }
        return status >= 500 ? Verdict.DOWN : Verdict.OTHER;
    }

    /** The host of the redirect target, when there is one. */
    String redirectHost() {
        if (location == null) {
            return null;
        }
        try {
            return URI.create(location.trim()).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** One line for an answer: "302 to auth.example.com", "404", "connection refused". */
    String describe() {
        if (status == null) {
            return error;
        }
        String host = redirectHost();
        return status + (host == null ? "" : " to " + host);
    }

    OutpostHealthReport.Probe view(String uri) {
        return new OutpostHealthReport.Probe(uri, status, redirectHost(), millis, error, at);
    }
}
