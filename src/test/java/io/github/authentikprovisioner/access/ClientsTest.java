package io.github.authentikprovisioner.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.authentikprovisioner.config.ProvisionerConfig;

/** What stops the start: a token that is missing, short or the placeholder, a clients file that does not parse. */
class ClientsTest {

    record Config(Optional<String> apiToken, Optional<Path> clientsFile) implements ProvisionerConfig {
        @Override
        public List<String> publicPaths() {
            return List.of("/q/health");
        }

        @Override
        public Duration retryAfter() {
            return Duration.ofSeconds(10);
        }

        @Override
        public Optional<Path> desiredStateFile() {
            return Optional.empty();
        }

        @Override
        public Duration reconcileInterval() {
            return Duration.ofMinutes(5);
        }
    }

    @Test
    void aPlaceholderShortOrMissingTokenStopsTheStartNamingTheVariableNotTheValue() {
        for (String token : List.of("change-me-to-32-or-more-characters", "short-token", "   ")) {
            assertThatThrownBy(() -> new Clients(new Config(Optional.of(token), Optional.empty()), Clock.systemUTC()))
                    .hasMessageContaining("PROVISIONER_API_TOKEN").hasMessageNotContaining(token.strip().isEmpty()
                            ? "\u0000" : token);
        }
        assertThatThrownBy(() -> new Clients(new Config(Optional.empty(), Optional.empty()), Clock.systemUTC()))
                .hasMessageContaining("PROVISIONER_API_TOKEN").hasMessageContaining("PROVISIONER_CLIENTS_FILE");
    }

    @Test
    void aClientsFileThatDoesNotParseStopsTheStartNamingTheVariable(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("clients.yaml");
        for (String text : List.of("not: [a list", "- name: traefik\n  sha256: abc\n  scopes: [traefik]\n",
                "- name: x\n  sha256: " + "a".repeat(64) + "\n  scopes: [everything]\n",
                "- name: x\n  sha256: " + "a".repeat(64) + "\n  scopes: [read]\n- name: x\n  sha256: " + "b".repeat(64)
                        + "\n  scopes: [read]\n")) {
            Files.writeString(file, text);
            assertThatThrownBy(() -> new Clients(new Config(Optional.empty(), Optional.of(file)), Clock.systemUTC()))
                    .hasMessageContaining("PROVISIONER_CLIENTS_FILE");
        }
    }

    @Test
    void onlyHashesAreKeptAndATokenFindsItsClient(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("clients.yaml");
        ClientsFileProfile.write(file, java.util.Map.of("traefik", "a-token-of-thirty-two-characters-or-more"));
        Clients clients = new Clients(new Config(Optional.empty(), Optional.of(file)), Clock.systemUTC());
        assertThat(clients.byToken("a-token-of-thirty-two-characters-or-more")).get()
                .extracting(Client::name).isEqualTo("traefik");
        assertThat(clients.byToken("another-token-of-thirty-two-characters")).isEmpty();
        assertThat(Files.readString(file)).doesNotContain("a-token-of");
    }
}
