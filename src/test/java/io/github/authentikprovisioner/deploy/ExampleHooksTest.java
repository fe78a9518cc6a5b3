package io.github.authentikprovisioner.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.github.authentikprovisioner.ApiTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * The scripts of {@code deploy/examples/} run the way their containers run them, against this service and its
 * authentik emulator: the Nextcloud hook with a stand-in {@code php} first on the PATH that records its arguments,
 * the Immich script writing its config file. What a real Nextcloud or Immich then does with them is not tested here.
 */
@QuarkusTest
@TestProfile(ExampleHooksTest.ShortRetryAfter.class)
class ExampleHooksTest extends ApiTestSupport {

    static final Path NEXTCLOUD_HOOK = Path.of("deploy/examples/nextcloud/authentik-oidc.sh");
    static final Path IMMICH_SCRIPT = Path.of("deploy/examples/immich/immich-oidc-config.sh");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What {@code occ status --output=json} prints for an installed Nextcloud (core/Command/Status.php). */
    private static final String INSTALLED = "{\"installed\":true,\"version\":\"31.0.5.1\",\"versionstring\":"
            + "\"31.0.5\",\"edition\":\"\",\"maintenance\":false,\"needsDbUpgrade\":false,\"productname\":"
            + "\"Nextcloud\",\"extendedSupport\":false}";
    /** The variable the hook hands the client secret to user_oidc in (occ user_oidc:provider --clientsecret-env). */
    private static final String SECRET_VARIABLE = "AUTHENTIK_OIDC_CLIENT_SECRET";
    /** The retry test waits this long for the script's first "retrying" line; a bound, not a measurement. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** A shorter Retry-After than the default 10 s, so that waiting for it costs the tests little. */
    public static class ShortRetryAfter implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("provisioner.retry-after", "PT2S");
        }
    }

    @TempDir
    Path dir;
    private Path phpLog;
    private Path phpSecrets;

    @BeforeEach
    void standInPhp() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        phpLog = dir.resolve("php.log");
        phpSecrets = dir.resolve("php-secrets.log");
        Path php = bin.resolve("php");
        // one line per call, its arguments separated by US (0x1f); `occ status` answers $STUB_PHP_STATUS and the
        // occ subcommand named in $STUB_PHP_FAIL fails, as on a Nextcloud whose app:enable cannot download apps;
        // `occ user_oidc:provider Authentik` alone shows a stored provider when $STUB_PHP_PROVIDER is "stored" and
        // fails as user_oidc does without one (lib/Command/UpsertProvider.php: "Provider not found", -1); the client
        // secret user_oidc would read from the environment (--clientsecret-env) is written to its own file
        Files.writeString(php, """
                #!/bin/sh
                printf '%s\\037' "$@" >> "$STUB_PHP_LOG"
                printf '\\n' >> "$STUB_PHP_LOG"
                for a in "$@"; do
                    case $a in --clientsecret-env=*) printenv "${a#*=}" >> "$STUB_PHP_SECRETS" ;; esac
                done
                if [ "$1" = occ ] && [ "$2" = status ]; then printf '%s\\n' "$STUB_PHP_STATUS"; fi
                if [ "$1" = occ ] && [ "$2" = "${STUB_PHP_FAIL:-}" ]; then echo "$3 not found"; exit 1; fi
                if [ "$#" = 3 ] && [ "$2" = user_oidc:provider ]; then
                    [ "${STUB_PHP_PROVIDER:-}" = stored ] && { echo "| 1 | $3 | client-id |"; exit 0; }
                    echo "Provider not found"; exit 255
                fi
                exit 0
                """);
        Files.setPosixFilePermissions(php, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    // ---- Nextcloud ------------------------------------------------------------------------------------------

    @Test
    void nextcloudHookEnablesUserOidcAndRunsTheSetupWithTheRealClientThenASecondStartWritesNothing()
            throws Exception {
        Script first = nextcloud("bash", Map.of()).finish();
        assertThat(first.exit).as(first.output()).isZero();

        JsonNode provider = nextcloudProvider();
        String clientId = provider.get("client_id").asText();
        String secret = provider.get("client_secret").asText();
        List<List<String>> setup = new ArrayList<>();
        api().get("/apps/oidc/nextcloud").then().statusCode(200).extract().jsonPath()
                .<List<String>>getList("setup.commands").forEach(c -> setup.add(c.subList(1, c.size()).stream()
                        .map(a -> a.equals("--clientsecret=" + secret) ? "--clientsecret-env=" + SECRET_VARIABLE : a)
                        .toList()));
        List<List<String>> expected = new ArrayList<>();
        expected.add(List.of("occ", "status", "--output=json"));
        expected.add(List.of("occ", "user_oidc:provider", "Authentik"));
        expected.add(List.of("occ", "app:enable", "user_oidc"));
        expected.addAll(setup);
        assertThat(phpCalls()).isEqualTo(expected);
        assertThat(phpCalls().get(3)).startsWith("occ", "user_oidc:provider", "Authentik", "--clientid=" + clientId,
                "--clientsecret-env=" + SECRET_VARIABLE).contains("--scope=openid email profile");
        // the secret reaches user_oidc in the environment of that one call, never in a process's arguments, which
        // every user of the host can read (ps)
        assertThat(phpCalls()).allSatisfy(call -> assertThat(call).noneMatch(a -> a.contains(secret)));
        assertThat(Files.readAllLines(phpSecrets)).containsExactly(secret);
        assertThat(first.output()).doesNotContain(secret).doesNotContain(API_TOKEN).contains(clientId);

        // the image runs hooks with /bin/sh (dash on Debian): the same arguments, the same calls
        Files.delete(phpLog);
        emulator.calls().clear();
        Script again = nextcloud("sh", Map.of()).finish();
        assertThat(again.exit).as(again.output()).isZero();
        assertThat(phpCalls()).isEqualTo(expected);
        assertThat(emulator.calls().writes()).isZero();
        assertThat(again.output()).doesNotContain(secret).doesNotContain(API_TOKEN);
    }

    @Test
    void nextcloudHookWaitsTheRetryAfterWhileAuthentikIsDownThenConfigures() throws Exception {
        emulator.faults().down(true);
        Script hook = nextcloud("bash", Map.of());
        hook.awaitLine("retrying in 2 s");
        emulator.faults().down(false);
        hook.finish();

        assertThat(hook.exit).as(hook.output()).isZero();
        assertThat(hook.output()).contains("not ready (503: ").contains("done: Nextcloud logs in through authentik");
        assertThat(phpCalls()).anySatisfy(c -> assertThat(c).startsWith("occ", "user_oidc:provider", "Authentik",
                "--clientid=" + nextcloudProvider().get("client_id").asText()));
    }

    @Test
    void nextcloudHookWithoutAStoredConfigurationGivesUpAfterItsWaitAndSaysWhatItLastGot() throws Exception {
        emulator.faults().down(true);
        Script hook = nextcloud("bash", Map.of("PROVISIONER_WAIT_SECONDS", "3")).finish();

        assertThat(hook.exit).isNotZero();
        assertThat(hook.output()).contains("gave up after 3 s (PROVISIONER_WAIT_SECONDS): POST /apps/oidc still 503")
                .contains("Nextcloud holds no OIDC configuration yet");
        assertThat(phpCalls()).containsExactly(List.of("occ", "status", "--output=json"),
                List.of("occ", "user_oidc:provider", "Authentik"));
    }

    @Test
    void nextcloudHookStartsWithTheStoredConfigurationWhileTheProvisionerIsAway() throws Exception {
        // authentik away: the provisioner answers 503 with Retry-After (2 s here); the hook waits its shorter bound
        emulator.faults().down(true);
        long started = System.nanoTime();
        Script hook = nextcloud("bash", Map.of("STUB_PHP_PROVIDER", "stored", "PROVISIONER_WAIT_SECONDS", "20",
                "PROVISIONER_WAIT_CONFIGURED_SECONDS", "3")).finish();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(hook.exit).as(hook.output()).isZero();
        assertThat(took).as("within its bound, not PROVISIONER_WAIT_SECONDS").isLessThan(Duration.ofSeconds(15));
        assertThat(hook.output()).contains("Nextcloud holds an OIDC configuration (provider Authentik)")
                .contains("starting with the OIDC configuration Nextcloud already holds")
                .contains("gave up after 3 s (PROVISIONER_WAIT_CONFIGURED_SECONDS): POST /apps/oidc still 503");
        assertThat(phpCalls()).containsExactly(List.of("occ", "status", "--output=json"),
                List.of("occ", "user_oidc:provider", "Authentik"));

        // the provisioner itself away (not started, or its container stopped): the same
        Files.delete(phpLog);
        Script away = nextcloud("sh", Map.of("STUB_PHP_PROVIDER", "stored", "PROVISIONER_URL", "http://127.0.0.1:1",
                "PROVISIONER_RETRY_DELAY", "1", "PROVISIONER_WAIT_CONFIGURED_SECONDS", "2")).finish();
        assertThat(away.exit).as(away.output()).isZero();
        assertThat(away.output()).contains("starting with the OIDC configuration Nextcloud already holds")
                .contains("still unreachable");
    }

    @Test
    void nextcloudHookWaitsWhileTheProvisionerItselfIsUnreachable() throws Exception {
        Script hook = nextcloud("bash", Map.of("PROVISIONER_URL", "http://127.0.0.1:1", "PROVISIONER_RETRY_DELAY", "1",
                "PROVISIONER_WAIT_SECONDS", "2")).finish();

        assertThat(hook.exit).isNotZero();
        assertThat(hook.output()).contains("retrying in 1 s").contains("still unreachable");
    }

    @Test
    void nextcloudHookLeavesANextcloudWaitingForItsInstallerAlone() throws Exception {
        Script hook = nextcloud("bash", Map.of("STUB_PHP_STATUS", INSTALLED.replace("true", "false"))).finish();

        assertThat(hook.exit).as(hook.output()).isZero();
        assertThat(hook.output()).contains("Nextcloud is not installed yet");
        assertThat(phpCalls()).containsExactly(List.of("occ", "status", "--output=json"));
        assertThat(emulator.calls().all()).isEmpty();
    }

    @Test
    void nextcloudHookInstallsTheAppWhereAppEnableCannotDownloadIt() throws Exception {
        Script hook = nextcloud("bash", Map.of("STUB_PHP_FAIL", "app:enable")).finish();

        assertThat(hook.exit).as(hook.output()).isZero();
        assertThat(phpCalls()).containsSubsequence(List.of("occ", "app:enable", "user_oidc"),
                List.of("occ", "app:install", "user_oidc"));
        assertThat(phpCalls()).anySatisfy(c -> assertThat(c).startsWith("occ", "user_oidc:provider"));
    }

    // ---- Immich ---------------------------------------------------------------------------------------------

    @Test
    void immichScriptWritesTheOauthSectionWithTheRealClientThenASecondRunWritesNothing() throws Exception {
        Path config = dir.resolve("immich.json");
        Script first = immich("sh", config, Map.of()).finish();
        assertThat(first.exit).as(first.output()).isZero();

        JsonNode provider = emulator.get("/providers/oauth2/"
                + emulator.get("/core/applications/immich/").get("provider").asText() + "/");
        String secret = provider.get("client_secret").asText();
        JsonNode written = JSON.readTree(config.toFile());
        assertThat(written.properties()).extracting(Map.Entry::getKey).containsExactly("oauth");
        JsonNode oauth = written.get("oauth");
        assertThat(oauth.get("clientId").asText()).isEqualTo(provider.get("client_id").asText());
        assertThat(oauth.get("clientSecret").asText()).isEqualTo(secret);
        assertThat(oauth.get("issuerUrl").asText()).isEqualTo("https://auth.example.com/application/o/immich/");
        assertThat(oauth.get("enabled").asBoolean()).isTrue();
        assertThat(oauth).isEqualTo(JSON.valueToTree(api().get("/apps/oidc/immich").then().statusCode(200)
                .extract().jsonPath().getMap("setup.configFile.oauth")));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");
        assertThat(first.output()).doesNotContain(secret).doesNotContain(API_TOKEN).contains("wrote " + config);

        String before = Files.readString(config);
        emulator.calls().clear();
        Script again = immich("bash", config, Map.of()).finish();
        assertThat(again.exit).as(again.output()).isZero();
        assertThat(again.output()).contains(config + " is up to date");
        assertThat(Files.readString(config)).isEqualTo(before);
        assertThat(emulator.calls().writes()).isZero();
    }

    @Test
    void immichScriptAddsTheOauthSectionToYourOtherSettings() throws Exception {
        Path base = Files.writeString(dir.resolve("base.yaml"), "# mine\nffmpeg:\n  crf: 30\nserver:\n"
                + "  externalDomain: https://photos.example.com\n");
        Path config = dir.resolve("immich.json");
        Script script = immich("sh", config, Map.of("IMMICH_CONFIG_BASE", base.toString())).finish();
        assertThat(script.exit).as(script.output()).isZero();

        JsonNode written = new ObjectMapper(new YAMLFactory()).readTree(config.toFile());
        assertThat(written.at("/ffmpeg/crf").asInt()).isEqualTo(30);
        assertThat(written.at("/server/externalDomain").asText()).isEqualTo("https://photos.example.com");
        assertThat(written.at("/oauth/clientId").asText()).isEqualTo(api().get("/apps/oidc/immich").then()
                .extract().jsonPath().getString("clientId"));

        Files.writeString(base, "oauth:\n  enabled: false\n");
        Script refused = immich("sh", config, Map.of("IMMICH_CONFIG_BASE", base.toString())).finish();
        assertThat(refused.exit).isNotZero();
        assertThat(refused.output()).contains("has an oauth section");
    }

    @Test
    void immichScriptKeepsItsConfigFileWhileTheProvisionerIsAwayAndFailsWithoutOne() throws Exception {
        Path config = dir.resolve("immich.json");
        emulator.faults().down(true);
        Script none = immich("sh", config, Map.of("PROVISIONER_WAIT_SECONDS", "2")).finish();
        assertThat(none.exit).isNotZero();
        assertThat(none.output()).contains("gave up after 2 s").contains("no config file with an oauth section yet");
        assertThat(config).doesNotExist();

        emulator.faults().down(false);
        assertThat(immich("sh", config, Map.of()).finish().exit).isZero();
        String written = Files.readString(config);
        emulator.faults().down(true);
        long started = System.nanoTime();
        Script kept = immich("sh", config, Map.of("PROVISIONER_WAIT_SECONDS", "20",
                "PROVISIONER_WAIT_CONFIGURED_SECONDS", "3")).finish();
        assertThat(kept.exit).as(kept.output()).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        assertThat(kept.output()).contains("keeping " + config + " as it is").contains("still 503");
        assertThat(Files.readString(config)).isEqualTo(written);
    }

    @Test
    void immichScriptWaitsTheRetryAfterWhileAuthentikIsDownThenWrites() throws Exception {
        Path config = dir.resolve("immich.json");
        emulator.faults().down(true);
        Script script = immich("sh", config, Map.of());
        script.awaitLine("retrying in 2 s");
        emulator.faults().down(false);
        script.finish();

        assertThat(script.exit).as(script.output()).isZero();
        assertThat(JSON.readTree(config.toFile()).at("/oauth/clientId").asText()).isEqualTo(api()
                .get("/apps/oidc/immich").then().extract().jsonPath().getString("clientId"));
    }

    // ---- running the scripts --------------------------------------------------------------------------------

    private Script nextcloud(String shell, Map<String, String> env) throws IOException {
        Map<String, String> all = new HashMap<>();
        all.put("NEXTCLOUD_URL", "https://cloud.example.com");
        all.put("NEXTCLOUD_DIR", dir.toString());
        all.put("STUB_PHP_STATUS", INSTALLED);
        all.putAll(env);
        return Script.start(shell, NEXTCLOUD_HOOK, environment(all));
    }

    private Script immich(String shell, Path config, Map<String, String> env) throws IOException {
        Map<String, String> all = new HashMap<>();
        all.put("IMMICH_URL", "https://photos.example.com");
        all.put("IMMICH_CONFIG_FILE", config.toString());
        all.putAll(env);
        return Script.start(shell, IMMICH_SCRIPT, environment(all));
    }

    /** The container's environment: the provisioner of this test run (never a fixed port) and its token. */
    private Map<String, String> environment(Map<String, String> specific) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
        env.put("PROVISIONER_URL", "http://localhost:" + RestAssured.port);
        env.put("PROVISIONER_API_TOKEN", API_TOKEN);
        env.put("PROVISIONER_WAIT_SECONDS", "60");
        env.put("STUB_PHP_LOG", phpLog.toString());
        env.put("STUB_PHP_SECRETS", phpSecrets.toString());
        env.putAll(specific);
        return env;
    }

    private List<List<String>> phpCalls() throws IOException {
        if (!Files.exists(phpLog)) {
            return List.of();
        }
        List<List<String>> calls = new ArrayList<>();
        for (String line : Files.readAllLines(phpLog)) {
            List<String> args = new ArrayList<>(Arrays.asList(line.split("\u001f", -1)));
            args.removeLast(); // every argument ends with the separator
            calls.add(args);
        }
        return calls;
    }

    private JsonNode nextcloudProvider() {
        return emulator.get("/providers/oauth2/" + emulator.get("/core/applications/nextcloud/").get("provider")
                .asText() + "/");
    }

    /** A script running in its own process, its output (stdout and stderr) collected line by line. */
    static final class Script {
        private final Process process;
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final Thread reader;
        int exit = -1;

        private Script(Process process) {
            this.process = process;
            this.reader = Thread.ofVirtual().start(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    in.lines().forEach(lines::add);
                } catch (IOException e) {
                    lines.add("(output lost: " + e.getMessage() + ")");
                }
            });
        }

        static Script start(String shell, Path script, Map<String, String> env) throws IOException {
            ProcessBuilder builder = new ProcessBuilder(shell, script.toAbsolutePath().toString())
                    .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().clear();
            builder.environment().putAll(env);
            return new Script(builder.start());
        }

        /** Waits until the script printed a line containing {@code text}. */
        void awaitLine(String text) throws InterruptedException {
            long until = System.nanoTime() + PATIENCE.toNanos();
            while (lines.stream().noneMatch(l -> l.contains(text))) {
                assertThat(process.isAlive() && System.nanoTime() < until)
                        .as("no line with '%s' yet: %s", text, output()).isTrue();
                Thread.sleep(50);
            }
        }

        Script finish() throws InterruptedException {
            if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("still running after " + PATIENCE + ": " + output());
            }
            reader.join();
            exit = process.exitValue();
            return this;
        }

        String output() {
            return String.join("\n", lines);
        }
    }
}
