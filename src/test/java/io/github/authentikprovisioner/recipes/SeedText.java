package io.github.authentikprovisioner.recipes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** Passages of the seed guide the recipes must follow word for word. */
public final class SeedText {

    /** The guide, next to this checkout as the emulator's blueprints are. */

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

    /**
     * The seed's expression with the one change upstream asks for: {@code user.groups} for {@code user.ak_groups},
     * which authentik 2026.2 deprecated (authentik/core/models.py: "TODO: remove this after 2026"; release notes
     * 2026.2: "Users' groups are now accessed through User.groups").
     */
    public static String nextcloudProfileExpressionUpdated() {
        String seed = nextcloudProfileExpression();
        if (!seed.contains("user.ak_groups.all()")) {
            throw new IllegalStateException("the seed's expression no longer reads user.ak_groups");
        }
        return seed.replace("user.ak_groups.all()", "user.groups.all()");
    }

    /** Runs of whitespace (line breaks and indentation included) as one space, trimmed. */
    public static String normalised(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    private static String read() {
        try {
            return Files.readString(io.github.authentikprovisioner.SharedFiles.guide());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
