package io.github.authentikprovisioner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment {@code deploy/desired-state.example.yaml} is expanded with in tests: a domain, an admin, and the
 * apps' host names as {@code deploy/.env.example} has them (compose passes them on to the service).
 */
public final class ExampleEnvironment {

    private ExampleEnvironment() {
    }

    public static Map<String, String> of(String adminPassword) {
        Map<String, String> environment = new HashMap<>(Map.of("DOMAIN", "example.com", "ADMIN_USERNAME", "alice",
                "ADMIN_NAME", "Alice Example", "ADMIN_EMAIL", "alice@example.com", "ADMIN_PASSWORD", adminPassword));
        try {
            for (String line : Files.readAllLines(Path.of("deploy/.env.example"))) {
                if (line.matches("[A-Z_]+_HOST=\\S+")) {
                    environment.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return environment;
    }

    /** {@code document} with every {@code ${NAME}} of {@link #of} replaced, for callers that send it as text. */
    public static String expand(String document, String adminPassword) {
        String out = document;
        for (Map.Entry<String, String> e : of(adminPassword).entrySet()) {
            out = out.replace("${" + e.getKey() + "}", e.getValue());
        }
        return out;
    }
}
