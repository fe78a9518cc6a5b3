package io.github.authentikprovisioner.emulator;

import java.nio.file.Path;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the authentik emulator (dev mode and tests only). */
@ConfigMapping(prefix = "emulator")
public interface EmulatorConfig {

    /**
     * Folder holding authentik's {@code schema.yml} and {@code blueprints/}, read in place from the upstream copy,
     * which stays out of this repository ({@code scripts/fetch-authentik-reference.sh} fetches the pinned files).
     * Maven sets it for the tests and {@code quarkus:dev} from {@code authentik.reference.dir}
     * ({@code -Dauthentik.reference.dir} or {@code AUTHENTIK_REFERENCE_DIR}); relative to the working directory.
     */
    @WithDefault("../shared/authentik")
    Path sharedDir();

    /** The API token the emulator accepts, as authentik accepts its bootstrap token. */
    @WithDefault("emulator-token-not-a-secret-0123456789")
    String token();

    /**
     * How long after an update authentik sends it the embedded outpost refreshes what it serves: upstream a random
     * 0-9 s per outpost process (internal/outpost/ak/api.go reloadOffset); tests change it with
     * {@code outposts().refreshDelay}.
     */
    @WithDefault("0s")
    Duration outpostRefreshDelay();
}
