package io.github.authentikprovisioner.emulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * The outposts of the emulated authentik, as far as a client can observe them: which instances of each outpost are
 * connected (the {@code outposts/instances/{uuid}/health/} answer), and what the embedded outpost answers Traefik's
 * forward-auth calls. The embedded outpost answers from a configuration snapshot that is rebuilt when authentik would
 * make it refresh (a few seconds after a signalled write, and on its refresh interval), not from the live store, so
 * tests see the same lag the real outpost has. Tests use it to simulate disconnected or outdated instances, a slow
 * refresh, or the forward-auth endpoint going down.
 */
public final class EmulatedOutposts {

    static final String EMBEDDED = "goauthentik.io/outposts/embedded";
    static final String EMBEDDED_NAME = "authentik Embedded Outpost";
    /** A state entry lives OUTPOST_HELLO_INTERVAL * 1.5 after the last message (authentik/outposts/consumer.py). */
    private static final Duration STATE_TTL = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter DRF_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    /** net/http TimeFormat. */
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DRF_MICROS = DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    /**
     * One running copy of an outpost as authentik's cache knows it: {@code lastSeen} null means connected (it says
     * hello every 10 s, so its last_seen reads as now); any other value is when it was last heard of.
     */
    public record Instance(String uid, String hostname, String version, Instant lastSeen) {

        /** A connected instance of this authentik version, with a fresh uid as each outpost process has. */
        public static Instance live(String hostname) {
            return new Instance(UUID.randomUUID().toString(), hostname, Release.VERSION, null);
        }

        /** An instance last heard of at {@code lastSeen}: not listed any more once that is over 15 s ago. */
        public static Instance seenAt(String hostname, String version, Instant lastSeen) {
            return new Instance(UUID.randomUUID().toString(), hostname, version, lastSeen);
        }
    }

    /** A forward-auth answer: status, headers, body (empty for none). */
    record Answer(int status, Map<String, String> headers, String body) {
    }

    /** A provider as the embedded outpost configured it on its last refresh. */
    private record App(String name, String mode, String externalHost, String internalHost, String clientId,
            String cookieDomain, List<Pattern> unauthenticated, List<String> scopes, long maxAge,
            String cookieSecret) {
    }

    /** What the embedded outpost serves: its apps by host key, its authentik_host, its refresh interval. */
    private record Served(Map<String, App> apps, String authentikHost, Duration interval) {
        static final Served NOTHING = new Served(Map.of(), "", Duration.ofMinutes(5));
    }

    private final Store store;
    private final ReentrantLock lock;
    private final Duration defaultRefreshDelay;
    /** Instances by outpost pk, as authentik's cache keys them (goauthentik.io/outposts/state/{uuid}/{uid}). */
    private final Map<String, List<Instance>> instances = new ConcurrentHashMap<>();
    private final Map<String, String> cookieSecrets = new ConcurrentHashMap<>();
    private final AtomicLong forwardAuthCalls = new AtomicLong();
    private final AtomicLong sessionsStored = new AtomicLong();
    private final Deque<Instant> pendingRefreshes = new ArrayDeque<>();
    private volatile Duration refreshDelay;
    private volatile boolean forwardAuthDown;
    private volatile Served served = Served.NOTHING;
    private Instant nextIntervalRefresh = Instant.now();
    /** When the outpost's event loop is done with the last update it was sent. */
    private Instant eventLoopFree = Instant.now();

    EmulatedOutposts(Store store, ReentrantLock lock, Duration defaultRefreshDelay) {
        this.store = store;
        this.lock = lock;
        this.defaultRefreshDelay = defaultRefreshDelay;
        this.refreshDelay = defaultRefreshDelay;
    }

    // ---- test hooks --------------------------------------------------------------------------------------------

    /** Replaces the instances of the outpost named {@code outpostName} (the embedded one is "authentik Embedded Outpost"). */
    public void instances(String outpostName, List<Instance> instances) {
        lock.lock();
        try {
            ObjectNode outpost = outposts().filter(o -> outpostName.equals(o.path("name").asText())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no outpost named " + outpostName));
            this.instances.put(outpost.get("pk").asText(), List.copyOf(instances));
        } finally {
            lock.unlock();
        }
    }

    /**
     * How long after an update is sent the embedded outpost refreshes: upstream a random 0-9 s fixed per outpost
     * process ({@code reloadOffset}, internal/outpost/ak/api.go); the emulator's default is
     * {@code emulator.outpost-refresh-delay}.
     */
    public EmulatedOutposts refreshDelay(Duration delay) {
        this.refreshDelay = delay;
        return this;
    }

    /** Makes the embedded outpost refresh now, as SIGUSR1 does (internal/outpost/ak/api_event.go). */
    public EmulatedOutposts refreshNow() {
        lock.lock();
        try {
            rebuild();
        } finally {
            lock.unlock();
        }
        return this;
    }

    /** While down, forward-auth connections are closed without an answer. */
    public EmulatedOutposts forwardAuthDown(boolean down) {
        this.forwardAuthDown = down;
        return this;
    }

    /** Forward-auth calls answered since the last reset (not the ones refused while down, like the API's CallLog). */
    public long forwardAuthCalls() {
        return forwardAuthCalls.get();
    }

    /**
     * Proxy sessions stored since the last reset: one row in authentik's PostgreSQL per unauthenticated request that
     * starts a sign-in (internal/outpost/proxyv2/application/oauth_state.go createState).
     */
    public long sessionsStored() {
        return sessionsStored.get();
    }

    /**
     * authentik-server restarted: the embedded outpost connects as a new instance (a new uid) and says hello before
     * its first refresh, which loads its providers {@link #refreshDelay} later (cmd/server/server.go,
     * internal/outpost/ak/api.go, api_event.go startIntervalUpdater); until then it serves nothing.
     */
    public EmulatedOutposts restart() {
        lock.lock();
        try {
            embedded().ifPresent(e -> instances.put(e.get("pk").asText(), List.of(Instance.live("authentik-server"))));
            served = Served.NOTHING;
            Instant now = Instant.now();
            pendingRefreshes.clear();
            eventLoopFree = now.plus(refreshDelay);
            pendingRefreshes.addLast(eventLoopFree);
            nextIntervalRefresh = eventLoopFree.plus(Duration.ofMinutes(5));
        } finally {
            lock.unlock();
        }
        return this;
    }

    // ---- emulator internals ------------------------------------------------------------------------------------

    /**
     * A fresh install: the embedded outpost has one connected instance, the authentik server's own, and serves its
     * providers as of now (the outpost refreshes once when it starts, internal/outpost/ak/api_event.go).
     */
    void reset() {
        lock.lock();
        try {
            instances.clear();
            cookieSecrets.clear();
            forwardAuthCalls.set(0);
            sessionsStored.set(0);
            forwardAuthDown = false;
            refreshDelay = defaultRefreshDelay;
            pendingRefreshes.clear();
            embedded().ifPresent(e -> instances.put(e.get("pk").asText(),
                    List.of(Instance.live("authentik-server"))));
            Instant now = Instant.now();
            eventLoopFree = now;
            rebuild();
            nextIntervalRefresh = now.plus(served.interval());
        } finally {
            lock.unlock();
        }
    }

    boolean isForwardAuthDown() {
        return forwardAuthDown;
    }

    /**
     * authentik sends the outpost {@code outpostPk} an update (authentik/outposts/tasks.py outpost_send_update).
     * Only the embedded outpost runs here. Its event loop handles one message at a time and sleeps the reload offset
     * before each refresh (internal/outpost/ak/api_event.go startEventHandler), so updates queue behind each other.
     */
    void updateSent(String outpostPk) {
        if (embedded().filter(e -> e.get("pk").asText().equals(outpostPk)).isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        Instant due = (eventLoopFree.isAfter(now) ? eventLoopFree : now).plus(refreshDelay);
        eventLoopFree = due;
        pendingRefreshes.addLast(due);
    }

    /**
     * Runs the refreshes that have fallen due, before anything changes the store or reads the snapshot: the store
     * is then as it was when they ran. Called with the lock held.
     */
    void catchUp() {
        Instant now = Instant.now();
        boolean due = !nextIntervalRefresh.isAfter(now);
        while (!pendingRefreshes.isEmpty() && !pendingRefreshes.peekFirst().isAfter(now)) {
            pendingRefreshes.removeFirst();
            due = true;
        }
        if (!due) {
            return;
        }
        rebuild();
        // the interval loop re-reads the interval after every tick (internal/outpost/ak/api_event.go
        // startIntervalUpdater: ticker.Reset(getInterval()))
        while (!nextIntervalRefresh.isAfter(now)) {
            nextIntervalRefresh = nextIntervalRefresh.plus(served.interval());
        }
    }

    /**
     * The instances of an outpost whose cache entry still lives, as {@code OutpostHealthSerializer} renders them
     * (authentik/outposts/api/outposts.py health, authentik/outposts/models.py OutpostState); one whose entry expired
     * is listed once more with its defaults ({@link OutpostStateCache}) and then forgotten.
     */
    ArrayNode health(ObjectNode outpost) {
        Instant now = Instant.now();
        ArrayNode out = JSON.createArrayNode();
        List<Instance> listed = new ArrayList<>(instances.getOrDefault(outpost.get("pk").asText(), List.of()));
        for (Instance i : List.copyOf(listed)) {
            Instant seen = i.lastSeen() == null ? now : i.lastSeen();
            if (seen.plus(STATE_TTL).isBefore(now)) {
                // the cache entry expired (state.save(timeout=OUTPOST_HELLO_INTERVAL * 1.5)): listed once more
                out.add(OutpostStateCache.expired(i.uid()));
                listed.remove(i);
                instances.put(outpost.get("pk").asText(), List.copyOf(listed));
                continue;
            }
            // a Go outpost's hello arguments (internal/outpost/ak/api.go getEventPingArgs): this authentik's build,
            // built with Go 1.25.5 and without the systemcrypto experiment (lifecycle/container/Dockerfile), so
            // opensslEnabled is false; opensslVersion is the container's `openssl version`, unknown here
            ObjectNode s = out.addObject();
            s.put("uid", i.uid()).put("last_seen", drfDateTime(seen)).put("version", i.version())
                    .put("version_should", Release.VERSION)
                    .put("version_outdated", versionOutdated(i.version(), Release.BUILD_HASH))
                    .put("build_hash", Release.BUILD_HASH).put("golang_version", "go1.25.5")
                    .put("openssl_enabled", false).put("openssl_version", "")
                    // get_fips_enabled(): None unless the server itself runs in FIPS mode
                    .putNull("fips_enabled");
            s.put("hostname", i.hostname()).put("build_hash_should", Release.BUILD_HASH);
        }
        return out;
    }

    /** OutpostState.version_outdated (authentik/outposts/models.py). */
    static boolean versionOutdated(String version, String buildHash) {
        if (version == null || version.isEmpty()) {
            return false;
        }
        if (!buildHash.equals(Release.BUILD_HASH)) {
            return false;
        }
        return !release(version).equals(release(Release.VERSION));
    }

    /** The release part of a PEP 440 version, trailing zeros dropped, as packaging's Version compares it. */
    private static List<Integer> release(String version) {
        List<Integer> parts = new ArrayList<>();
        for (String p : version.strip().replaceFirst("^[vV]", "").split("\\.")) {
            try {
                parts.add(Integer.parseInt(p));
            } catch (NumberFormatException e) {
                return List.of(-1, version.hashCode()); // pre/post/dev releases: equal only to themselves
            }
        }
        while (parts.size() > 1 && parts.getLast() == 0) {
            parts.removeLast();
        }
        return parts;
    }

    /** DRF's DateTimeField: isoformat() of the UTC time, microseconds only when not zero, "+00:00" as "Z". */
    private static String drfDateTime(Instant t) {
        Instant micros = t.truncatedTo(ChronoUnit.MICROS);
        return (micros.getNano() == 0 ? DRF_SECONDS : DRF_MICROS).format(micros);
    }

    // ---- the served configuration ------------------------------------------------------------------------------

    /**
     * The embedded outpost's refresh (internal/outpost/ak/api.go OnRefresh, internal/outpost/proxyv2/refresh.go
     * Refresh): it re-reads its outpost, then lists {@code outposts/proxy/}, whose queryset is
     * {@code ProxyProvider.objects.filter(application__isnull=False)} narrowed to the providers the outpost may view,
     * ordered by name (authentik/providers/proxy/api.py ProxyOutpostConfigViewSet), and swaps in a new app map.
     */
    private void rebuild() {
        Optional<ObjectNode> embedded = embedded();
        if (embedded.isEmpty()) {
            served = Served.NOTHING;
            return;
        }
        ObjectNode config = embedded.get().path("config").isObject() ? (ObjectNode) embedded.get().get("config")
                : JSON.createObjectNode();
        Collection proxy = store.catalog.byPath("providers/proxy").orElseThrow();
        Collection applications = store.catalog.byPath("core/applications").orElseThrow();
        Set<String> assigned = new LinkedHashSet<>();
        store.all(applications).filter(a -> !a.path("provider").isNull() && a.has("provider"))
                .forEach(a -> assigned.add(a.get("provider").asText()));
        List<ObjectNode> providers = new ArrayList<>();
        embedded.get().withArray("providers").forEach(pk -> store.byId(proxy, pk.asText())
                .filter(p -> assigned.contains(p.get("pk").asText())).ifPresent(providers::add));
        providers.sort(Comparator.comparing(p -> p.path("name").asText()));
        Map<String, App> apps = new LinkedHashMap<>();
        for (ObjectNode p : providers) {
            GoUrl external = GoUrl.parse(p.path("external_host").asText(""));
            if (external == null) {
                continue; // refresh.go: "failed to parse URL, skipping provider"
            }
            String mode = p.path("mode").asText("proxy");
            if (mode.equals("proxy") && GoUrl.parse(p.path("internal_host").asText("")) == null) {
                continue; // mode_proxy.go configureProxy fails, refresh.go: "failed to setup application"
            }
            // a later provider (by name) with the same host replaces the earlier one: apps[externalHost.Host] = a
            apps.put(external.host(), app(p, mode));
        }
        served = new Served(Collections.unmodifiableMap(apps), config.path("authentik_host").asText(""),
                refreshInterval(config));
    }

    private App app(ObjectNode p, String mode) {
        // application.go NewApplication: SkipPathRegex split on "\n" only, untrimmed; lines that do not compile
        // (Go RE2 syntax) are skipped with a warning
        List<Pattern> unauthenticated = new ArrayList<>();
        String skip = p.path("skip_path_regex").asText("");
        if (!skip.isEmpty()) {
            for (String line : skip.split("\n", -1)) {
                try {
                    unauthenticated.add(Pattern.compile(line));
                } catch (PatternSyntaxException e) {
                    // skipped, as upstream logs "failed to compile SkipPathRegex" and continues
                }
            }
        }
        // get_scopes_to_request(): the scope names of the provider's scope mappings, a Python set (arbitrary order
        // upstream; here the order of the provider's mappings) (authentik/providers/proxy/api.py)
        Collection scopeMappings = store.catalog.byPath("propertymappings/provider/scope").orElseThrow();
        Set<String> scopes = new LinkedHashSet<>();
        p.withArray("property_mappings").forEach(pk -> store.byId(scopeMappings, pk.asText())
                .ifPresent(m -> scopes.add(m.path("scope_name").asText())));
        // session.go getStore: MaxAge = access_token_validity in seconds + 1
        long validity;
        try {
            validity = AuthentikLib.duration(p.path("access_token_validity").asText("hours=1")).toSeconds();
        } catch (RuntimeException e) {
            validity = 3600;
        }
        String secret = cookieSecrets.computeIfAbsent(p.get("pk").asText(), k -> AuthentikLib.random(128));
        return new App(p.path("name").asText(), mode, p.path("external_host").asText(""),
                p.path("internal_host").asText(""), p.path("client_id").asText(""), p.path("cookie_domain").asText(""),
                List.copyOf(unauthenticated), List.copyOf(scopes), validity + 1, secret);
    }

    /**
     * refresh_interval_s = int(timedelta_from_string(config.refresh_interval).total_seconds())
     * (authentik/outposts/api/outposts.py), with OutpostConfig's default "minutes=5" (authentik/outposts/models.py).
     */
    static long refreshIntervalSeconds(ObjectNode config) {
        try {
            return AuthentikLib.duration(config.path("refresh_interval").asText("minutes=5")).toSeconds();
        } catch (RuntimeException e) {
            return 300;
        }
    }

    /** startIntervalUpdater's getInterval (internal/outpost/ak/api_event.go): ≤0 is 5 min, at least 30 s. */
    private static Duration refreshInterval(ObjectNode config) {
        long seconds = refreshIntervalSeconds(config);
        if (seconds <= 0) {
            return Duration.ofMinutes(5);
        }
        return Duration.ofSeconds(Math.max(30, seconds));
    }

    private Stream<ObjectNode> outposts() {
        return store.all(store.catalog.byPath("outposts/instances").orElseThrow());
    }

    private Optional<ObjectNode> embedded() {
        return outposts().filter(o -> EMBEDDED.equals(o.path("managed").asText())).findFirst();
    }

    // ---- forward auth ------------------------------------------------------------------------------------------

    /**
     * Answers {@code GET /outpost.goauthentik.io/auth/traefik} as the authentik server does with its embedded
     * outpost; {@code header} reads a request header (case-insensitively, the first value, null when absent).
     * Session cookies and Authorization headers are ignored: every caller is unauthenticated.
     */
    Answer forwardAuth(String method, UnaryOperator<String> header) {
        Served now;
        lock.lock();
        try {
            catchUp();
            now = served;
        } finally {
            lock.unlock();
        }
        forwardAuthCalls.incrementAndGet();
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
    private static App lookupApp(Served served, String host) {
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
    private Answer forwardHandleTraefik(App app, Served served, String method, UnaryOperator<String> header) {
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
     * endpoint ({@code oauth2.Config.AuthCodeURL}: parameters url.Values-encoded, so sorted by name).
     * X-Powered-By is set by the root middleware after http.Redirect has written the header, so it is not sent.
     */
    private static Answer handleAuthStart(App app, Served served, String method, GoUrl fwd) {
        String sid = base32(randomBytes(32));
        // oauth_state.go createState: HS256 over {iss, sid, state, redirect}, signed with the cookie secret
        ObjectNode claims = JSON.createObjectNode().put("iss", "goauthentik.io/outpost/" + app.clientId())
                .put("sid", sid).put("state", Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32)))
                .put("redirect", fwd.string());
        String state = jwt(claims, app.cookieSecret());
        // application.go: redirect_uri is external_host with path.Join(path, "/outpost.goauthentik.io/callback")
        GoUrl external = GoUrl.parse(app.externalHost());
        String redirectUri = external.scheme() + "://" + external.host()
                + GoUrl.escapePath(joinPath(external.path(), "/outpost.goauthentik.io/callback"))
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
        params.forEach((k, v) -> query.append(query.isEmpty() ? "" : "&").append(queryEscape(k)).append('=')
                .append(queryEscape(v)));
        String location = authorizeEndpoint(served.authentikHost()) + "?" + query;

        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Set-Cookie", sessionCookie(app, external, sid));
        headers.put("Location", location);
        String body = "";
        if (method.equals("GET") || method.equals("HEAD")) {
            headers.put("Content-Type", "text/html; charset=utf-8"); // net/http Redirect
        }
        if (method.equals("GET")) {
            body = "<a href=\"" + htmlEscape(location) + "\">Found</a>.\n\n";
        }
        return new Answer(302, headers, body);
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

    // ---- Go's encodings ----------------------------------------------------------------------------------------

    private static String jwt(ObjectNode claims, String secret) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        // encoding/json escapes <, > and & in strings
        String payload = claims.toString().replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
        String signing = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signing + "." + b64.encodeToString(mac.doFinal(signing.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Go's path.Join of a URL path and an absolute suffix: slashes collapsed, "." and ".." resolved. */
    private static String joinPath(String base, String suffix) {
        Deque<String> out = new ArrayDeque<>();
        for (String segment : (base + "/" + suffix).split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                out.pollLast();
            } else {
                out.addLast(segment);
            }
        }
        return "/" + String.join("/", out);
    }

    /** net/url QueryEscape: everything but letters, digits and -_.~ percent-encoded, space as "+". */
    static String queryEscape(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-_.~".indexOf(c) >= 0) {
                b.append((char) c);
            } else if (c == ' ') {
                b.append('+');
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return b.toString();
    }

    /** net/http htmlEscape. */
    private static String htmlEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&#34;")
                .replace("'", "&#39;");
    }

    private static String base32(byte[] bytes) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder b = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte x : bytes) {
            buffer = buffer << 8 | x & 0xff;
            bits += 8;
            while (bits >= 5) {
                b.append(alphabet.charAt(buffer >> bits - 5 & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            b.append(alphabet.charAt(buffer << 5 - bits & 31));
        }
        return b.toString();
    }

    private static byte[] randomBytes(int n) {
        byte[] out = new byte[n];
        RANDOM.nextBytes(out);
        return out;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    /**
     * The parts of Go's {@code net/url.Parse} the outpost depends on: the scheme, the host[:port] ({@code URL.Host},
     * without user info), the decoded path, and {@code URL.String()}; null where Parse returns an error (a control
     * character, a missing scheme before "://", a bad percent-escape, a bad host character or port).
     */
    record GoUrl(String scheme, String host, String path, String string) {

        static GoUrl parse(String raw) {
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c < 0x20 || c == 0x7f) {
                    return null; // "net/url: invalid control character in URL"
                }
            }
            String rest = raw;
            String fragment = null;
            int hash = rest.indexOf('#');
            if (hash >= 0) {
                fragment = rest.substring(hash + 1);
                rest = rest.substring(0, hash);
                if (unescape(fragment) == null) {
                    return null;
                }
            }
            String scheme = "";
            for (int i = 0; i < rest.length(); i++) {
                char c = rest.charAt(i);
                if (Character.isLetter(c) && c < 0x80) {
                    continue;
                }
                if ((c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') && i > 0) {
                    continue;
                }
                if (c == ':') {
                    if (i == 0) {
                        return null; // "missing protocol scheme"
                    }
                    scheme = rest.substring(0, i).toLowerCase(Locale.ROOT);
                    rest = rest.substring(i + 1);
                }
                break;
            }
            String query = null;
            int q = rest.indexOf('?');
            if (q >= 0) {
                query = rest.substring(q + 1);
                rest = rest.substring(0, q);
            }
            if (!rest.startsWith("/")) {
                if (!scheme.isEmpty()) {
                    return new GoUrl(scheme, "", "", raw); // opaque, e.g. "mailto:x"
                }
                int slash = rest.indexOf('/');
                if ((slash < 0 ? rest : rest.substring(0, slash)).contains(":")) {
                    return null; // "first path segment in URL cannot contain colon"
                }
            }
            String host = "";
            String authority = null;
            if ((!scheme.isEmpty() || !rest.startsWith("///")) && rest.startsWith("//")) {
                int end = rest.indexOf('/', 2);
                authority = end < 0 ? rest.substring(2) : rest.substring(2, end);
                rest = end < 0 ? "" : rest.substring(end);
                int at = authority.lastIndexOf('@');
                host = at < 0 ? authority : authority.substring(at + 1);
                if (!validHost(host)) {
                    return null;
                }
            }
            String path = unescape(rest);
            if (path == null) {
                return null;
            }
            StringBuilder s = new StringBuilder();
            if (!scheme.isEmpty()) {
                s.append(scheme).append(':');
            }
            if (authority != null && (!authority.isEmpty() || !path.isEmpty())) {
                s.append("//").append(authority);
            }
            s.append(validEncodedPath(rest) ? rest : escapePath(path));
            if (query != null) {
                s.append('?').append(query); // RawQuery, or ForceQuery for a lone trailing "?"
            }
            if (fragment != null && !fragment.isEmpty()) {
                s.append('#').append(fragment);
            }
            return new GoUrl(scheme, host, path, s.toString());
        }

        /** parseHost: a bracketed IPv6 literal or name characters, then an optional all-digit port. */
        private static boolean validHost(String host) {
            String port = "";
            if (host.startsWith("[")) {
                int close = host.lastIndexOf(']');
                if (close < 0) {
                    return false; // "missing ']' in host"
                }
                port = host.substring(close + 1);
            } else {
                int colon = host.lastIndexOf(':');
                if (colon >= 0) {
                    port = host.substring(colon);
                }
                for (int i = 0; i < host.length(); i++) {
                    char c = host.charAt(i);
                    if (c < 0x80 && !(Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=:[]<>\"%".indexOf(c) >= 0)) {
                        return false; // "invalid character in host name"
                    }
                }
            }
            if (!port.isEmpty() && !port.matches(":[0-9]*")) {
                return false; // "invalid port after host"
            }
            return unescape(host) != null;
        }

        /** Percent-decoding ("+" stays "+"), null on a malformed escape ("invalid URL escape"). */
        private static String unescape(String s) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '%') {
                    if (i + 2 >= bytes.length || Character.digit(bytes[i + 1], 16) < 0
                            || Character.digit(bytes[i + 2], 16) < 0) {
                        return null;
                    }
                    out.write(Character.digit(bytes[i + 1], 16) << 4 | Character.digit(bytes[i + 2], 16));
                    i += 2;
                } else {
                    out.write(bytes[i]);
                }
            }
            return out.toString(StandardCharsets.UTF_8);
        }

        /** validEncoded(s, encodePath): the raw path is kept by EscapedPath when it needs no further escaping. */
        private static boolean validEncodedPath(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if ("!$&'()*+,;=:@[]%/".indexOf(c) >= 0) {
                    continue;
                }
                if (c < 0x80 && !isUnreserved(c)) {
                    return false;
                }
                if (c >= 0x80) {
                    return false;
                }
            }
            return true;
        }

        /** escape(s, encodePath). */
        static String escapePath(String s) {
            StringBuilder b = new StringBuilder();
            for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
                int c = x & 0xff;
                if (c < 0x80 && (isUnreserved((char) c) || "$&+,/:;=@".indexOf(c) >= 0)) {
                    b.append((char) c);
                } else {
                    b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
                }
            }
            return b.toString();
        }

        private static boolean isUnreserved(char c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-_.~".indexOf(c) >= 0;
        }
    }
}
