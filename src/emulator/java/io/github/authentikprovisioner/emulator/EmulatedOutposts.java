package io.github.authentikprovisioner.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The outposts of the emulated authentik, as far as a client can observe them, and the handle tests steer them with:
 * which instances of each outpost are connected ({@link OutpostStateCache}, the {@code health} answer), what the
 * embedded outpost serves and when it refreshes ({@link ServedConfig}), and what it answers Traefik's forward-auth
 * calls ({@link ForwardAuth}). Tests use it to simulate disconnected or outdated instances, a slow refresh, or the
 * forward-auth endpoint going down.
 */
public final class EmulatedOutposts {

    static final String EMBEDDED = "goauthentik.io/outposts/embedded";
    static final String EMBEDDED_NAME = "authentik Embedded Outpost";

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

    private final ReentrantLock lock;
    private final OutpostStateCache states = new OutpostStateCache();
    private final ServedConfig config;
    private final ForwardAuth forwardAuth;

    EmulatedOutposts(Store store, ReentrantLock lock, Duration defaultRefreshDelay) {
        this.lock = lock;
        this.config = new ServedConfig(store, defaultRefreshDelay);
        this.forwardAuth = new ForwardAuth(config, lock);
    }

    // ---- test hooks --------------------------------------------------------------------------------------------

    /** Replaces the instances of the outpost named {@code outpostName} (the embedded one is "authentik Embedded Outpost"). */
    public void instances(String outpostName, List<Instance> instances) {
        lock.lock();
        try {
            ObjectNode outpost = config.outposts().filter(o -> outpostName.equals(o.path("name").asText()))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("no outpost named " + outpostName));
            states.put(outpost.get("pk").asText(), instances);
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
        config.refreshDelay(delay);
        return this;
    }

    /** Makes the embedded outpost refresh now, as SIGUSR1 does (internal/outpost/ak/api_event.go). */
    public EmulatedOutposts refreshNow() {
        lock.lock();
        try {
            config.rebuild();
        } finally {
            lock.unlock();
        }
        return this;
    }

    /** While down, forward-auth connections are closed without an answer. */
    public EmulatedOutposts forwardAuthDown(boolean down) {
        forwardAuth.down(down);
        return this;
    }

    /** Forward-auth calls answered since the last reset (not the ones refused while down, like the API's CallLog). */
    public long forwardAuthCalls() {
        return forwardAuth.calls();
    }

    /**
     * Proxy sessions stored since the last reset: one row in authentik's PostgreSQL per unauthenticated request that
     * starts a sign-in (internal/outpost/proxyv2/application/oauth_state.go createState).
     */
    public long sessionsStored() {
        return forwardAuth.sessionsStored();
    }

    /**
     * authentik-server restarted: the embedded outpost connects as a new instance (a new uid) and says hello before
     * its first refresh, which loads its providers {@link #refreshDelay} later (cmd/server/server.go,
     * internal/outpost/ak/api.go, api_event.go startIntervalUpdater); until then it serves nothing.
     */
    public EmulatedOutposts restart() {
        lock.lock();
        try {
            config.embedded().ifPresent(e -> states.put(e.get("pk").asText(),
                    List.of(Instance.live("authentik-server"))));
            config.restart();
        } finally {
            lock.unlock();
        }
        return this;
    }

    // ---- emulator internals ------------------------------------------------------------------------------------

    /**
     * A fresh install: the embedded outpost has one connected instance, the authentik server's own, and serves its
     * providers as of now.
     */
    void reset() {
        lock.lock();
        try {
            states.clear();
            forwardAuth.reset();
            config.embedded().ifPresent(e -> states.put(e.get("pk").asText(),
                    List.of(Instance.live("authentik-server"))));
            config.reset();
        } finally {
            lock.unlock();
        }
    }

    boolean isForwardAuthDown() {
        return forwardAuth.isDown();
    }

    /** authentik sends the outpost {@code outpostPk} an update (see {@link ServedConfig#updateSent}). */
    void updateSent(String outpostPk) {
        config.updateSent(outpostPk);
    }

    /** Runs the embedded outpost's refreshes that have fallen due; called with the lock held. */
    void catchUp() {
        config.catchUp();
    }

    /** The {@code health} answer of {@code outpost} (see {@link OutpostStateCache#health}). */
    ArrayNode health(ObjectNode outpost) {
        return states.health(outpost);
    }

    /** The embedded outpost's answer to a forward-auth call (see {@link ForwardAuth#answer}). */
    ForwardAuth.Answer forwardAuth(String method, UnaryOperator<String> header) {
        return forwardAuth.answer(method, header);
    }
}
