package io.github.authentikprovisioner.emulator;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.emulator.EmulatedOutposts.Instance;

/**
 * authentik's cache of outpost states: which instances of each outpost have said hello, keyed as authentik keys them
 * ({@code goauthentik.io/outposts/state/{uuid}/{uid}}), and how the {@code health} action reads them.
 *
 * <p>The state lives in the PostgreSQL-backed cache (packages/django-postgres-cache): {@code keys()} lists every row
 * matching the prefix, expired rows included, until the periodic {@code clear_expired_cache} deletes them;
 * {@code OutpostState.for_outpost} then reads each with {@code cache.get(key, {"uid": uid})}, and Django's database
 * cache answers an expired row with the default and deletes it (authentik/outposts/models.py;
 * django/core/cache/backends/db.py). So an instance that went silent is listed once more, with every field at its
 * default, {@code last_seen} and {@code version} null, and then no longer.
 */
final class OutpostStateCache {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A state entry lives OUTPOST_HELLO_INTERVAL * 1.5 after the last message (authentik/outposts/consumer.py). */
    private static final Duration STATE_TTL = Duration.ofSeconds(15);
    private static final DateTimeFormatter DRF_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DRF_MICROS = DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    /** Instances by outpost pk. */
    private final Map<String, List<Instance>> instances = new ConcurrentHashMap<>();

    /** Replaces the instances of the outpost {@code outpostPk}. */
    void put(String outpostPk, List<Instance> list) {
        instances.put(outpostPk, List.copyOf(list));
    }

    void clear() {
        instances.clear();
    }

    /**
     * The instances of an outpost whose cache entry still lives, as {@code OutpostHealthSerializer} renders them
     * (authentik/outposts/api/outposts.py health, authentik/outposts/models.py OutpostState); one whose entry expired
     * is listed once more with its defaults ({@link #expired}) and then forgotten.
     */
    ArrayNode health(ObjectNode outpost) {
        Instant now = Instant.now();
        ArrayNode out = JSON.createArrayNode();
        List<Instance> listed = new ArrayList<>(instances.getOrDefault(outpost.get("pk").asText(), List.of()));
        for (Instance i : List.copyOf(listed)) {
            Instant seen = i.lastSeen() == null ? now : i.lastSeen();
            if (seen.plus(STATE_TTL).isBefore(now)) {
                // the cache entry expired (state.save(timeout=OUTPOST_HELLO_INTERVAL * 1.5)): listed once more
                out.add(expired(i.uid()));
                listed.remove(i);
                instances.put(outpost.get("pk").asText(), List.copyOf(listed));
                continue;
            }
            out.add(live(i, seen));
        }
        return out;
    }

    /** The state of an instance that said hello lately. */
    private static ObjectNode live(Instance i, Instant seen) {
        // a Go outpost's hello arguments (internal/outpost/ak/api.go getEventPingArgs): this authentik's build,
        // built with Go 1.25.5 and without the systemcrypto experiment (lifecycle/container/Dockerfile), so
        // opensslEnabled is false; opensslVersion is the container's `openssl version`, unknown here
        ObjectNode s = JSON.createObjectNode();
        s.put("uid", i.uid()).put("last_seen", drfDateTime(seen)).put("version", i.version())
                .put("version_should", Release.VERSION)
                .put("version_outdated", versionOutdated(i.version(), Release.BUILD_HASH))
                .put("build_hash", Release.BUILD_HASH).put("golang_version", "go1.25.5")
                .put("openssl_enabled", false).put("openssl_version", "")
                // get_fips_enabled(): None unless the server itself runs in FIPS mode
                .putNull("fips_enabled");
        s.put("hostname", i.hostname()).put("build_hash_should", Release.BUILD_HASH);
        return s;
    }

    /** {@code OutpostHealthSerializer} of {@code OutpostState(uid=uid)} with its dataclass defaults. */
    static ObjectNode expired(String uid) {
        ObjectNode s = JSON.createObjectNode();
        s.put("uid", uid).putNull("last_seen").putNull("version").put("version_should", Release.VERSION)
                // version_outdated is False without a version; build_hash "" differs from the server's
                .put("version_outdated", false).put("build_hash", "").put("golang_version", "")
                .put("openssl_enabled", false).put("openssl_version", "").putNull("fips_enabled")
                .put("hostname", "").put("build_hash_should", Release.BUILD_HASH);
        return s;
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
}
