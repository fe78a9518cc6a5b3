package io.github.authentikprovisioner.emulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.emulator.ServedConfig.App;
import io.github.authentikprovisioner.emulator.ServedConfig.Snapshot;

/**
 * The embedded outpost's Traefik forward-auth endpoint, as the authentik server answers it: the app is looked up by
 * host in what the outpost serves ({@link ServedConfig}), and an unauthenticated caller is let through an allowlisted
 * path or sent to sign in. Counts what it answered, for tests.
 */
final class ForwardAuth {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** net/http TimeFormat. */
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    /** A forward-auth answer: status, headers, body (empty for none). */
    record Answer(int status, Map<String, String> headers, String body) {
    }

    private final ServedConfig config;
    private final ReentrantLock lock;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong sessionsStored = new AtomicLong();
    private volatile boolean down;

    ForwardAuth(ServedConfig config, ReentrantLock lock) {
        this.config = config;
        this.lock = lock;
    }

    /** Counters back to zero, the endpoint up. */
    void reset() {
        calls.set(0);
        sessionsStored.set(0);
        down = false;
    }

    /** While down, connections are closed without an answer. */
    void down(boolean down) {
        this.down = down;
    }

    boolean isDown() {
        return down;
    }

    /** Calls answered since the last reset. */
    long calls() {
        return calls.get();
    }

    /** Proxy sessions stored since the last reset (see {@link EmulatedOutposts#sessionsStored}). */
    long sessionsStored() {
        return sessionsStored.get();
    }

    /**
     * Answers {@code GET /outpost.goauthentik.io/auth/traefik} as the authentik server does with its embedded
     * outpost; {@code header} reads a request header (case-insensitively, the first value, null when absent).
     * Session cookies and Authorization headers are ignored: every caller is unauthenticated.
     */
    Answer answer(String method, UnaryOperator<String> header) {
        Snapshot now;
        lock.lock();
        try {
            config.catchUp();
            now = config.served();
        } finally {
            lock.unlock();
        }
        calls.incrementAndGet();
        // internal/utils/web/host.go GetHost: X-Forwarded-Host when set, else Host
        String host = nonNull(header.apply("X-Forwarded-Host"));
        if (host.isEmpty()) {
            host = nonNull(header.apply("Host"));
        }
        App app = lookupApp(now, host);
        if (app == null) {
            // internal/outpost/proxyv2/proxyv2.go HandleHost returns false when no app matches, so the server
            // (internal/web/proxy.go) passes the request on to Django, which has no such route: the 404 page of
            // handler404 (authentik/root/urls.py, authentik/core/views/error.py NotFoundView), X-Powered-By set by
            // the Go proxy's proxyModifyResponse
            return djangoNotFound();
        }
        if (app.mode().equals("proxy")) {
            // mode_proxy.go: a proxy-mode app sends every path to its internal_host (or to its sign-in start);
            // the emulator has no upstream behind it, so it answers as an unreachable one
            return new Answer(502, Map.of("Content-Type", "text/plain; charset=utf-8"), "bad gateway");
        }
        return forwardHandleTraefik(app, now, method, header);
    }

    /** internal/outpost/proxyv2/handlers.go lookupApp. */
    private static App lookupApp(Snapshot served, String host) {
        // exact host[:port] first (proxy, forward_single, and forward_domain by its own external_host)
        App exact = served.apps().get(host);
        if (exact != null) {
            return exact;
        }
        // forward_domain: the longest cookie_domain (one leading "." trimmed) the host ends with, a plain suffix
        // test; on equal length the app iterated later wins, and Go's map order is random: here the later by name
        App longest = null;
        int longestLength = 0;
        TreeMap<String, App> byName = new TreeMap<>();
        served.apps().values().forEach(a -> byName.put(a.name(), a));
        for (App a : byName.values()) {
            if (!a.mode().equals("forward_domain")) {
                continue;
            }
            String cd = a.cookieDomain().startsWith(".") ? a.cookieDomain().substring(1) : a.cookieDomain();
            if (!host.endsWith(cd) || cd.length() < longestLength) {
                continue;
            }
            longest = a;
            longestLength = cd.length();
        }
        // an empty cookie_domain matches with length 0, which counts as no match
        return longestLength == 0 ? null : longest;
    }

    /** internal/outpost/proxyv2/application/mode_forward.go forwardHandleTraefik, for an unauthenticated caller. */
    private Answer forwardHandleTraefik(App app, Snapshot served, String method, UnaryOperator<String> header) {
        // mode_common.go getTraefikForwardUrl: url.Parse(proto://X-Forwarded-Host + X-Forwarded-Uri)
        GoUrl fwd = GoUrl.parse(nonNull(header.apply("X-Forwarded-Proto")) + "://"
                + nonNull(header.apply("X-Forwarded-Host")) + nonNull(header.apply("X-Forwarded-Uri")));
        if (fwd == null) {
            // ReportMisconfiguration (a configuration_error event, not emulated), then http.Error(..., 500)
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "text/plain; charset=utf-8");
            headers.put("X-Content-Type-Options", "nosniff");
            return new Answer(500, headers, "configuration error\n");
        }
        // the X-authentik-auth-callback and X-authentik-logout signatures are not emulated: nobody here sends them
        if (isAllowlisted(app, fwd)) {
            // the handler writes nothing: 200, empty; the root mux's middleware then adds X-Powered-By before the
            // response goes out (proxyv2.go NewProxyServer)
            return new Answer(200, Map.of("X-Powered-By", "authentik_proxy2"), "");
        }
        sessionsStored.incrementAndGet();
        return handleAuthStart(app, served, method, fwd);
    }

    /** mode_common.go IsAllowlisted: unanchored RE2 search; the path for forward_single, the whole URL otherwise. */
    private static boolean isAllowlisted(App app, GoUrl fwd) {
        String test = app.mode().equals("forward_single") ? fwd.path() : fwd.string();
        return app.unauthenticated().stream().anyMatch(p -> p.matcher(test).find());
    }

    /**
     * oauth.go handleAuthStart: a new session (its cookie set), a state JWT, and a 302 straight to the authorize
     * endpoint. X-Powered-By is set by the root middleware after http.Redirect has written the header, so it is not
     * sent.
     */
    private static Answer handleAuthStart(App app, Snapshot served, String method, GoUrl fwd) {
        String sid = GoEncodings.base32(randomBytes(32));
        String location = authorizeUrl(app, served, fwd, sid);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Set-Cookie", sessionCookie(app, GoUrl.parse(app.externalHost()), sid));
        headers.put("Location", location);
        String body = "";
        if (method.equals("GET") || method.equals("HEAD")) {
            headers.put("Content-Type", "text/html; charset=utf-8"); // net/http Redirect
        }
        if (method.equals("GET")) {
            body = "<a href=\"" + GoEncodings.htmlEscape(location) + "\">Found</a>.\n\n";
        }
        return new Answer(302, headers, body);
    }

    /**
     * The authorize URL a new session is sent to ({@code oauth2.Config.AuthCodeURL}: parameters url.Values-encoded,
     * so sorted by name), with its state.
     */
    private static String authorizeUrl(App app, Snapshot served, GoUrl fwd, String sid) {
        // oauth_state.go createState: HS256 over {iss, sid, state, redirect}, signed with the cookie secret
        ObjectNode claims = JSON.createObjectNode().put("iss", "goauthentik.io/outpost/" + app.clientId())
                .put("sid", sid).put("state", Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32)))
                .put("redirect", fwd.string());
        String state = GoEncodings.jwt(claims, app.cookieSecret());
        // application.go: redirect_uri is external_host with path.Join(path, "/outpost.goauthentik.io/callback")
        GoUrl external = GoUrl.parse(app.externalHost());
        String redirectUri = external.scheme() + "://" + external.host()
                + GoUrl.escapePath(GoEncodings.joinPath(external.path(), "/outpost.goauthentik.io/callback"))
                + "?X-authentik-auth-callback=true";
        Map<String, String> params = new TreeMap<>();
        params.put("client_id", app.clientId());
        params.put("redirect_uri", redirectUri);
        params.put("response_type", "code");
        if (!app.scopes().isEmpty()) {
            params.put("scope", String.join(" ", app.scopes()));
        }
        params.put("state", state);
        StringBuilder query = new StringBuilder();
        params.forEach((k, v) -> query.append(query.isEmpty() ? "" : "&").append(GoEncodings.queryEscape(k))
                .append('=').append(GoEncodings.queryEscape(v)));
        return authorizeEndpoint(served.authentikHost()) + "?" + query;
    }

    /**
     * endpoint.go GetOIDCEndpoint for the embedded outpost: the authorize URL the API gives it is built against the
     * server's internal address, http://0.0.0.0:9000 (cmd/server/server.go); a non-empty authentik_host replaces its
     * scheme and host.
     */
    private static String authorizeEndpoint(String authentikHost) {
        String path = "/application/o/authorize/";
        if (authentikHost.isEmpty()) {
            return "http://0.0.0.0:9000" + path;
        }
        GoUrl aku = GoUrl.parse(authentikHost);
        if (aku == null) {
            return "http://0.0.0.0:9000" + path;
        }
        // updateURL: u.Scheme, u.Host = ...; u.String()
        StringBuilder b = new StringBuilder();
        if (!aku.scheme().isEmpty()) {
            b.append(aku.scheme()).append(':');
        }
        if (!aku.scheme().isEmpty() || !aku.host().isEmpty()) {
            b.append("//").append(aku.host());
        }
        return b.append(path).toString();
    }

    /** session.go getStore (the embedded outpost's PostgreSQL store) and gorilla's NewCookie, as net/http writes it. */
    private static String sessionCookie(App app, GoUrl external, String sid) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(app.clientId().getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder c = new StringBuilder("authentik_proxy_").append(HexFormat.of().formatHex(hash), 0, 8)
                .append('=').append(sid).append("; Path=/");
        if (!app.cookieDomain().isEmpty()) {
            c.append("; Domain=").append(app.cookieDomain().startsWith(".") ? app.cookieDomain().substring(1)
                    : app.cookieDomain());
        }
        c.append("; Expires=").append(HTTP_DATE.format(Instant.now().plusSeconds(app.maxAge())));
        c.append("; Max-Age=").append(app.maxAge()).append("; HttpOnly");
        if (external.scheme().toLowerCase(Locale.ROOT).equals("https")) {
            c.append("; Secure");
        }
        return c.append("; SameSite=Lax").toString();
    }

    private static Answer djangoNotFound() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/html; charset=utf-8");
        headers.put("X-Powered-By", "authentik");
        headers.put("X-Frame-Options", "DENY");
        // authentik/core/templates/if/error.html with title "Not Found", abridged (no styles or scripts)
        String body = """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="UTF-8">
                <title>authentik</title>
                </head>
                <body>
                <h1>Not Found</h1>
                <div class="pf-c-form">
                <p></p>
                <div class="pf-c-form__group">
                <a id="ak-back-home" href="/" class="pf-c-button pf-m-primary pf-m-block">Go home</a>
                </div>
                </div>
                </body>
                </html>
                """;
        return new Answer(404, headers, body);
    }

    private static byte[] randomBytes(int n) {
        byte[] out = new byte[n];
        RANDOM.nextBytes(out);
        return out;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
