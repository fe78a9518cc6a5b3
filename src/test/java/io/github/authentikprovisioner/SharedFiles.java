package io.github.authentikprovisioner;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * Upstream files the tests read from {@code ../shared} (never copied into this repository): the public schemas a
 * public clone fetches with {@code scripts/fetch-authentik-reference.sh}, and the setup guide the recipes follow.
 */
public final class SharedFiles {

    /** The folder next to this checkout ({@code -Dshared.dir} moves it). */
    public static final Path DIR = Path.of(System.getProperty("shared.dir", "../shared"));

    private SharedFiles() {
    }

    /** A fetched file, e.g. {@code compose/compose-spec.schema.json}; a clear failure naming the command when absent. */
    public static Path required(String relative) {
        Path file = DIR.resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing (an upstream schema kept out of this repository); "
                    + "fetch it with scripts/fetch-authentik-reference.sh");
        }
        return file;
    }

    /**
     * The setup guide the recipes were written from ({@code ../shared/seed}), which comes with our own checkouts only:
     * a test comparing with its text is skipped, saying why, where it is absent.
     */
    public static Path guide() {
        Path file = DIR.resolve("seed/000_f73a76cc3c58b9d0.txt");
        Assumptions.assumeTrue(Files.isRegularFile(file), "the setup guide " + file + " is not next to this checkout "
                + "(it is not public): its word-for-word comparisons are skipped");
        return file;
    }
}
