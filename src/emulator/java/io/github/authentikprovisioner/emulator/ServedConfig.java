package io.github.authentikprovisioner.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * What the embedded outpost serves, as of its last refresh, and when it refreshes next. It answers from this
 * snapshot, not from the live store, so tests see the lag the real outpost has: a refresh falls due
 * {@link #refreshDelay} after authentik sends it an update (the signals of a save, {@link #updateSent}) and on its
 * refresh interval. Called with the emulator's lock held.
 */
final class ServedConfig {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A provider as the embedded outpost configured it on its last refresh (application.go NewApplication). */
    record App(String name, String mode, String externalHost, String internalHost, String clientId,
            String cookieDomain, List<Pattern> unauthenticated, List<String> scopes, long maxAge,
            String cookieSecret) {
    }

    /** What the embedded outpost serves: its apps by host key, its authentik_host, its refresh interval. */
    record Snapshot(Map<String, App> apps, String authentikHost, Duration interval) {
        static final Snapshot NOTHING = new Snapshot(Map.of(), "", Duration.ofMinutes(5));
    }

    private final Store store;
    private final Duration defaultRefreshDelay;
    /** Each provider's cookie secret, made once per provider as authentik makes it once. */
    private final Map<String, String> cookieSecrets = new ConcurrentHashMap<>();
    private final Deque<Instant> pendingRefreshes = new ArrayDeque<>();
    private volatile Duration refreshDelay;
    private volatile Snapshot served = Snapshot.NOTHING;
    private Instant nextIntervalRefresh = Instant.now();
    /** When the outpost's event loop is done with the last update it was sent. */
    private Instant eventLoopFree = Instant.now();

    ServedConfig(Store store, Duration defaultRefreshDelay) {
        this.store = store;
        this.defaultRefreshDelay = defaultRefreshDelay;
        this.refreshDelay = defaultRefreshDelay;
    }

    /** What the outpost serves now; call {@link #catchUp} first. */
    Snapshot served() {
        return served;
    }

    /** How long after an update is sent the outpost refreshes (see {@link EmulatedOutposts#refreshDelay}). */
    void refreshDelay(Duration delay) {
        this.refreshDelay = delay;
    }

    /**
     * A fresh install: the default delay, nothing pending, and the providers served as of now (the outpost
     * refreshes once when it starts, internal/outpost/ak/api_event.go).
     */
    void reset() {
        cookieSecrets.clear();
        refreshDelay = defaultRefreshDelay;
        pendingRefreshes.clear();
        Instant now = Instant.now();
        eventLoopFree = now;
        rebuild();
        nextIntervalRefresh = now.plus(served.interval());
    }

    /**
     * authentik-server restarted: the outpost serves nothing until its first refresh, {@link #refreshDelay} from now
     * (cmd/server/server.go, internal/outpost/ak/api.go, api_event.go startIntervalUpdater).
     */
    void restart() {
        served = Snapshot.NOTHING;
        Instant now = Instant.now();
        pendingRefreshes.clear();
        eventLoopFree = now.plus(refreshDelay);
        pendingRefreshes.addLast(eventLoopFree);
        nextIntervalRefresh = eventLoopFree.plus(Duration.ofMinutes(5));
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
     * is then as it was when they ran.
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
     * The embedded outpost's refresh (internal/outpost/ak/api.go OnRefresh, internal/outpost/proxyv2/refresh.go
     * Refresh): it re-reads its outpost, then lists {@code outposts/proxy/}, and swaps in a new app map.
     */
    void rebuild() {
        Optional<ObjectNode> embedded = embedded();
        if (embedded.isEmpty()) {
            served = Snapshot.NOTHING;
            return;
        }
        ObjectNode config = embedded.get().path("config").isObject() ? (ObjectNode) embedded.get().get("config")
                : JSON.createObjectNode();
        Map<String, App> apps = new LinkedHashMap<>();
        for (ObjectNode p : providers(embedded.get())) {
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
        served = new Snapshot(Collections.unmodifiableMap(apps), config.path("authentik_host").asText(""),
                refreshInterval(config));
    }

    /**
     * What {@code outposts/proxy/} lists for the outpost: its queryset is
     * {@code ProxyProvider.objects.filter(application__isnull=False)} narrowed to the providers the outpost may view,
     * ordered by name (authentik/providers/proxy/api.py ProxyOutpostConfigViewSet).
     */
    private List<ObjectNode> providers(ObjectNode outpost) {
        Collection proxy = store.catalog.byPath("providers/proxy").orElseThrow();
        Collection applications = store.catalog.byPath("core/applications").orElseThrow();
        Set<String> assigned = new LinkedHashSet<>();
        store.all(applications).filter(a -> !a.path("provider").isNull() && a.has("provider"))
                .forEach(a -> assigned.add(a.get("provider").asText()));
        List<ObjectNode> providers = new ArrayList<>();
        outpost.withArray("providers").forEach(pk -> store.byId(proxy, pk.asText())
                .filter(p -> assigned.contains(p.get("pk").asText())).ifPresent(providers::add));
        providers.sort(Comparator.comparing(p -> p.path("name").asText()));
        return providers;
    }

    private App app(ObjectNode p, String mode) {
        String secret = cookieSecrets.computeIfAbsent(p.get("pk").asText(), k -> AuthentikLib.random(128));
        return new App(p.path("name").asText(), mode, p.path("external_host").asText(""),
                p.path("internal_host").asText(""), p.path("client_id").asText(""), p.path("cookie_domain").asText(""),
                unauthenticated(p), scopes(p), maxAge(p), secret);
    }

    /**
     * application.go NewApplication: SkipPathRegex split on "\n" only, untrimmed; lines that do not compile (Go RE2
     * syntax) are skipped with a warning.
     */
    private static List<Pattern> unauthenticated(ObjectNode p) {
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
        return List.copyOf(unauthenticated);
    }

    /**
     * get_scopes_to_request(): the scope names of the provider's scope mappings, a Python set (arbitrary order
     * upstream; here the order of the provider's mappings) (authentik/providers/proxy/api.py).
     */
    private List<String> scopes(ObjectNode p) {
        Collection scopeMappings = store.catalog.byPath("propertymappings/provider/scope").orElseThrow();
        Set<String> scopes = new LinkedHashSet<>();
        p.withArray("property_mappings").forEach(pk -> store.byId(scopeMappings, pk.asText())
                .ifPresent(m -> scopes.add(m.path("scope_name").asText())));
        return List.copyOf(scopes);
    }

    /** session.go getStore: MaxAge = access_token_validity in seconds + 1. */
    private static long maxAge(ObjectNode p) {
        long validity;
        try {
            validity = AuthentikLib.duration(p.path("access_token_validity").asText("hours=1")).toSeconds();
        } catch (RuntimeException e) {
            validity = 3600;
        }
        return validity + 1;
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

    /** The outposts stored, the embedded one among them. */
    Stream<ObjectNode> outposts() {
        return store.all(store.catalog.byPath("outposts/instances").orElseThrow());
    }

    /** The embedded outpost authentik manages, if it exists. */
    Optional<ObjectNode> embedded() {
        return outposts().filter(o -> EmulatedOutposts.EMBEDDED.equals(o.path("managed").asText())).findFirst();
    }
}
