package io.github.authentikprovisioner.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** The compose stack validates against the Compose specification, and init.sh produces a usable .env. */
class DeployFilesTest {

    private static final Path SHARED = Path.of(System.getProperty("shared.dir", "../shared"));
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::?[-?][^}]*)?}");

    @Test
    void composeFileFollowsTheComposeSpecification() throws Exception {
        Map<String, String> env = readEnv(Path.of("deploy/.env.example"));
        String interpolated = interpolate(Files.readString(Path.of("deploy/compose.yml")), env);
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(interpolated);

        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
        ObjectNode schema = (ObjectNode) new ObjectMapper()
                .readTree(SHARED.resolve("compose/compose-spec.schema.json").toFile());
        schema.remove("$id"); // a bare file name, which the validator refuses as a base URI; refs are all local
        Set<ValidationMessage> errors = factory.getSchema(schema).validate(compose);
        assertThat(errors).isEmpty();
        assertThat(compose.at("/services/server/container_name").asText()).isEqualTo("authentik-server");
        assertThat(compose.at("/services/provisioner/environment/AUTHENTIK_URL").asText())
                .isEqualTo("http://authentik-server:9000");
        assertThat(compose.at("/networks/traefik/external").asBoolean()).isTrue();
        // the service's own key, and the bootstrap token only as the first one (it may be dropped after the hand-over)
        assertThat(compose.at("/services/provisioner/environment/AUTHENTIK_SERVICE_TOKEN").asText())
                .isEqualTo(env.get("AUTHENTIK_SERVICE_TOKEN"));
        assertThat(Files.readString(Path.of("deploy/compose.yml")))
                .contains("AUTHENTIK_TOKEN: ${AUTHENTIK_BOOTSTRAP_TOKEN:-}");
        assertThat(compose.at("/services/provisioner/environment/ADMIN_PASSWORD").isTextual()).isTrue();
    }

    @Test
    void initScriptWritesEnvWithFreshSecrets(@TempDir Path dir) throws Exception {
        Files.copy(Path.of("deploy/init.sh"), dir.resolve("init.sh"));
        Files.copy(Path.of("deploy/.env.example"), dir.resolve(".env.example"));
        Files.copy(Path.of("deploy/desired-state.example.yaml"), dir.resolve("desired-state.example.yaml"));
        Process p = new ProcessBuilder("bash", dir.resolve("init.sh").toString(), "example.org")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(output).isZero();

        Map<String, String> env = readEnv(dir.resolve(".env"));
        assertThat(env.get("DOMAIN")).isEqualTo("example.org");
        assertThat(env.get("PROVISIONER_API_TOKEN")).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo("change-me");
        assertThat(env.get("AUTHENTIK_BOOTSTRAP_TOKEN")).hasSizeGreaterThanOrEqualTo(32);
        assertThat(env.get("PG_PASS")).doesNotContain("change-me");
        assertThat(env.get("AUTHENTIK_SECRET_KEY")).hasSizeGreaterThanOrEqualTo(50);
        assertThat(output).doesNotContain(env.get("PROVISIONER_API_TOKEN"));
        assertThat(env.get("AUTHENTIK_SERVICE_TOKEN")).hasSizeGreaterThanOrEqualTo(32)
                .isNotEqualTo(env.get("AUTHENTIK_BOOTSTRAP_TOKEN"));
        assertThat(env.get("ADMIN_PASSWORD")).hasSizeGreaterThanOrEqualTo(12).isNotEqualTo("change-me");
        assertThat(env.get("ADMIN_EMAIL")).isEqualTo("admin@example.org");
        assertThat(output).doesNotContain(env.get("AUTHENTIK_SERVICE_TOKEN")).doesNotContain(env.get("ADMIN_PASSWORD"));
        assertThat(dir.resolve("desired-state.yaml")).exists();
    }

    @Test
    void initScriptAddsTheServiceTokenToAnEnvFromBefore(@TempDir Path dir) throws Exception {
        Files.copy(Path.of("deploy/init.sh"), dir.resolve("init.sh"));
        Files.copy(Path.of("deploy/desired-state.example.yaml"), dir.resolve("desired-state.example.yaml"));
        Files.writeString(dir.resolve(".env"), "DOMAIN=example.org\nAUTHENTIK_BOOTSTRAP_TOKEN=kept-as-it-was");
        Process p = new ProcessBuilder("bash", dir.resolve("init.sh").toString(), "example.org")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(output).isZero();

        Map<String, String> env = readEnv(dir.resolve(".env"));
        assertThat(env.get("AUTHENTIK_BOOTSTRAP_TOKEN")).isEqualTo("kept-as-it-was");
        assertThat(env.get("AUTHENTIK_SERVICE_TOKEN")).hasSizeGreaterThanOrEqualTo(32);
        assertThat(output).contains("added AUTHENTIK_SERVICE_TOKEN").doesNotContain(env.get("AUTHENTIK_SERVICE_TOKEN"));
    }

    private static Map<String, String> readEnv(Path file) throws Exception {
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank() && !line.startsWith("#") && line.contains("=")) {
                env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        return env;
    }

    /** Compose's variable interpolation: ${VAR}, ${VAR:-default}, ${VAR:?error}; $$ is a literal $. */
    private static String interpolate(String text, Map<String, String> env) {
        String escaped = text.replace("$$", "\u0000");
        Matcher m = VARIABLE.matcher(escaped);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String whole = m.group();
            String value = env.get(m.group(1));
            if (value == null || value.isEmpty()) {
                value = whole.contains(":-") ? whole.substring(whole.indexOf(":-") + 2, whole.length() - 1) : "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString().replace("\u0000", "$");
    }
}
