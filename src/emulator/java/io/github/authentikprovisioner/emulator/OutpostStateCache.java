package io.github.authentikprovisioner.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How authentik reads an outpost instance's state whose cache entry has expired. The state lives in the
 * PostgreSQL-backed cache (packages/django-postgres-cache): {@code keys()} lists every row matching the prefix, expired
 * rows included, until the periodic {@code clear_expired_cache} deletes them; {@code OutpostState.for_outpost} then
 * reads each with {@code cache.get(key, {"uid": uid})}, and Django's database cache answers an expired row with the
 * default and deletes it (authentik/outposts/models.py; django/core/cache/backends/db.py). So an instance that went
 * silent is listed once more, with every field at its default, {@code last_seen} and {@code version} null, and then
 * no longer.
 */
final class OutpostStateCache {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OutpostStateCache() {
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
}
