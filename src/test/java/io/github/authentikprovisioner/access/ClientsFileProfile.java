package io.github.authentikprovisioner.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The service with a clients file: one client per scope the API knows, each with a token of its own (test values,
 * never secrets), next to the admin token of the other tests.
 */
public class ClientsFileProfile implements QuarkusTestProfile {

    /** Token of each client, by its scope. */
    public static final Map<String, String> TOKENS = new LinkedHashMap<>();
    static final Path FILE = Path.of("target/test-clients.yaml");

    static {
        for (String scope : List.of("read", "traefik", "invitations", "apps/oidc/nextcloud", "apps/servarr/sonarr",
                "apps/protected/app")) {
            TOKENS.put(scope, "client-token-not-a-secret-" + scope.replace('/', '-') + "-0123456789");
        }
        write(FILE, TOKENS);
    }

    /** A clients file giving each token its scope, the client named after the scope. */
    static void write(Path file, Map<String, String> tokens) {
        StringBuilder yaml = new StringBuilder();
        tokens.forEach((scope, token) -> yaml.append("- name: ").append(scope.replace('/', '-')).append('\n')
                .append("  sha256: ").append(sha256(token)).append('\n')
                .append("  scopes: [").append(scope).append("]\n"));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, yaml.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("provisioner.clients-file", FILE.toAbsolutePath().toString());
    }
}
