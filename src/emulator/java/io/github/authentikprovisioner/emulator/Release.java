package io.github.authentikprovisioner.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The authentik release the emulator stands for: its version (authentik/__init__.py) and the build hash of its
 * release image (GIT_BUILD_HASH), which {@code /admin/version/} answers and outpost health compares with.
 */
final class Release {

    static final String VERSION = "2026.2.2";
    static final String BUILD_HASH = "5249546862986202b901c2afd860992ec48c6ef6";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Release() {
    }

    /** {@code GET /admin/version/}: this release, the latest as far as the emulator knows. */
    static ObjectNode versionAnswer() {
        return JSON.createObjectNode().put("version_current", VERSION).put("version_latest", VERSION)
                .put("version_latest_valid", true).put("build_hash", BUILD_HASH).put("outdated", false)
                .put("outpost_outdated", false);
    }
}
