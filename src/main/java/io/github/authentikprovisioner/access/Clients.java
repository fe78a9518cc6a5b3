package io.github.authentikprovisioner.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.github.authentikprovisioner.config.ProvisionerConfig;
import io.quarkus.runtime.StartupEvent;

/**
 * The clients this API knows: {@code PROVISIONER_API_TOKEN} as the client {@code admin} (so earlier setups keep
 * working), and the entries of {@code PROVISIONER_CLIENTS_FILE} ({@code - name: traefik, sha256: <hex>, scopes:
 * [traefik]}). Only hashes are kept. The file is read again when it changes, so a token is rotated by adding its new
 * hash and removing the old one, without a restart; a file that no longer parses keeps the clients read before, and
 * says so. At start, a missing, placeholder or short token, or a file that does not parse, stops the service naming
 * the variable, never the value.
 */
@ApplicationScoped
class Clients {

    private static final Logger LOG = Logger.getLogger(Clients.class);
    static final int MIN_LENGTH = 32;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final ProvisionerConfig config;
    private final Clock clock;
    private volatile List<Client> fromFile = List.of();
    private volatile FileTime fileVersion;
    private volatile Instant checkedAt = Instant.MIN;
    private final Client admin;

    Clients(ProvisionerConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.admin = config.apiToken().map(token -> {
            String problem = weakness(token);
            if (problem != null) {
                throw new IllegalStateException("PROVISIONER_API_TOKEN " + problem + " (deploy/init.sh generates one)");
            }
            return new Client(Scopes.ADMIN, sha256(token), Set.of(Scopes.ADMIN));
        }).orElse(null);
        config.clientsFile().ifPresent(file -> {
            fromFile = read(file);
            fileVersion = modified(file);
        });
        if (admin == null && fromFile.isEmpty()) {
            throw new IllegalStateException("no client can call this API: set PROVISIONER_API_TOKEN (32 or more "
                    + "characters) or PROVISIONER_CLIENTS_FILE (deploy/init.sh makes both)");
        }
    }

    /** Created at start, so a bad token or file stops the start instead of the first request. */
    void atStart(@Observes StartupEvent start) {
        LOG.infof("API clients: %s", names());
    }

    /** The client whose token this is; every known hash is compared, in constant time. */
    Optional<Client> byToken(String token) {
        refresh();
        byte[] presented = sha256(token);
        Client found = null;
        List<Client> all = new ArrayList<>(fromFile);
        if (admin != null) {
            all.add(admin);
        }
        for (Client c : all) {
            if (MessageDigest.isEqual(c.sha256(), presented) && found == null) {
                found = c;
            }
        }
        return Optional.ofNullable(found);
    }

    List<String> names() {
        List<String> out = new ArrayList<>();
        if (admin != null) {
            out.add(admin.name());
        }
        fromFile.forEach(c -> out.add(c.name()));
        return out;
    }

    /** Reads the file again when it changed since the last look (looked at most once a second). */
    private void refresh() {
        Optional<Path> file = config.clientsFile();
        Instant now = clock.instant();
        if (file.isEmpty() || now.isBefore(checkedAt.plusSeconds(1))) {
            return;
        }
        checkedAt = now;
        FileTime version = modified(file.get());
        if (version == null || version.equals(fileVersion)) {
            return;
        }
        try {
            fromFile = read(file.get());
            fileVersion = version;
            LOG.infof("PROVISIONER_CLIENTS_FILE changed: clients now %s", names());
        } catch (IllegalStateException e) {
            fileVersion = version;
            LOG.errorf("PROVISIONER_CLIENTS_FILE changed but is not used: %s; the clients read before stay",
                    e.getMessage());
        }
    }

    /** The clients of a file: a YAML list of {@code name}, {@code sha256} (hex) and {@code scopes}. */
    static List<Client> read(Path file) {
        JsonNode doc;
        try {
            doc = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("PROVISIONER_CLIENTS_FILE (" + file + ") cannot be read: "
                    + e.getClass().getSimpleName());
        }
        if (doc == null || !doc.isArray()) {
            throw new IllegalStateException("PROVISIONER_CLIENTS_FILE (" + file + ") must be a YAML list of "
                    + "{name, sha256, scopes}");
        }
        List<Client> out = new ArrayList<>();
        for (int i = 0; i < doc.size(); i++) {
            JsonNode entry = doc.get(i);
            String where = "PROVISIONER_CLIENTS_FILE (" + file + ") entry " + i;
            String name = entry.path("name").asText("");
            String hash = entry.path("sha256").asText("").toLowerCase(Locale.ROOT);
            if (!name.matches("[-a-zA-Z0-9_.]{1,64}")) {
                throw new IllegalStateException(where + ": name must be 1 to 64 letters, digits, '-', '_' or '.'");
            }
            if (!hash.matches("[0-9a-f]{64}")) {
                throw new IllegalStateException(where + " (" + name + "): sha256 must be the 64 hex digits of the "
                        + "token's SHA-256 (printf %s \"$TOKEN\" | sha256sum)");
            }
            List<String> scopes = new ArrayList<>();
            entry.path("scopes").forEach(s -> scopes.add(s.asText()));
            if (scopes.isEmpty() || !scopes.stream().allMatch(Scopes::known)) {
                throw new IllegalStateException(where + " (" + name + "): scopes must be a non-empty list of admin, "
                        + "read, traefik, invitations or apps/<oidc|servarr|protected>/<slug>");
            }
            if (out.stream().anyMatch(c -> c.name().equals(name))) {
                throw new IllegalStateException(where + ": the name '" + name + "' is given twice");
            }
            out.add(new Client(name, HexFormat.of().parseHex(hash), Set.copyOf(scopes)));
        }
        return out;
    }

    /** Why {@code token} must not be used; null when it may. */
    static String weakness(String token) {
        if (token.isBlank()) {
            return "is empty";
        }
        if (token.length() < MIN_LENGTH) {
            return "must be at least " + MIN_LENGTH + " characters long";
        }
        if (token.toLowerCase(Locale.ROOT).startsWith("change-me")) {
            return "is still the placeholder of .env.example";
        }
        return null;
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return null;
        }
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
