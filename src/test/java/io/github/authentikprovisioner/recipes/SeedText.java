package io.github.authentikprovisioner.recipes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Passages of the seed guide the recipes must follow word for word. */
public final class SeedText {

    /** The guide, next to this checkout as the emulator's blueprints are. */
    public static final Path GUIDE = Path.of("../shared/seed/000_f73a76cc3c58b9d0.txt");

    private SeedText() {
    }

    /** The "Nextcloud Profile" expression as the seed prints it (flattened onto one line). */
    public static String nextcloudProfileExpression() {
        String guide = read();
        int start = guide.indexOf("Expressionenter the following:");
        int end = guide.indexOf(" - Click", start);
        if (start < 0 || end < 0) {
            throw new IllegalStateException("the seed no longer holds the Nextcloud Profile expression");
        }
        return guide.substring(start + "Expressionenter the following:".length(), end);
    }

    /** Runs of whitespace (line breaks and indentation included) as one space, trimmed. */
    public static String normalised(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    private static String read() {
        try {
            return Files.readString(GUIDE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
