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

/**
 * The compose stack and the examples' snippets validate against the Compose specification, and init.sh produces a
 * usable .env.
 */
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

        // the service's own Swagger UI: routed by Traefik, behind authentik, which the service sets up itself
        JsonNode labels = compose.at("/services/provisioner/labels");
        String domain = env.get("DOMAIN");
        assertThat(labels.path("traefik.http.routers.provisioner.rule").asText())
                .isEqualTo("Host(`provisioner." + domain + "`)");
        assertThat(labels.path("traefik.http.routers.provisioner.middlewares").asText()).isEqualTo("authentik@http");
        assertThat(labels.path("traefik.http.services.provisioner.loadbalancer.server.port").asText()).isEqualTo("8080");
        assertThat(labels.path("traefik.docker.network").asText()).isEqualTo("traefik");
        JsonNode environment = compose.at("/services/provisioner/environment");
        assertThat(environment.path("PROVISIONER_SELF_PUBLIC_URL").asText()).isEqualTo("https://provisioner." + domain);
        assertThat(environment.path("PROVISIONER_PUBLIC_PATHS").asText().split(","))
                .containsExactlyInAnyOrder("/q/health", "/q/swagger-ui", "/q/openapi");
    }

    @Test
    void exampleComposeSnippetsFollowTheSpecificationAndReachTheProvisioner() throws Exception {
        JsonNode stack = new ObjectMapper(new YAMLFactory()).readTree(interpolate(
                Files.readString(Path.of("deploy/compose.yml")), readEnv(Path.of("deploy/.env.example"))));
        String provisioner = "http://" + stack.at("/services/provisioner/container_name").asText() + ":8080";
        Map<String, String> env = Map.of("DOMAIN", "example.com", "PROVISIONER_API_TOKEN", "x".repeat(32));

        JsonNode nextcloud = validCompose(Path.of("deploy/examples/nextcloud/compose.snippet.yml"), env);
        assertThat(nextcloud.at("/services/nextcloud/environment/PROVISIONER_URL").asText()).isEqualTo(provisioner);
        assertThat(nextcloud.at("/services/nextcloud/volumes").toString())
                .contains("./authentik-oidc.sh:/docker-entrypoint-hooks.d/before-starting/authentik-oidc.sh");
        assertThat(nextcloud.at("/networks/traefik/external").asBoolean()).isTrue();

        JsonNode immich = validCompose(Path.of("deploy/examples/immich/compose.snippet.yml"), env);
        assertThat(immich.at("/services/immich-oidc-config/environment/PROVISIONER_URL").asText())
                .isEqualTo(provisioner);
        assertThat(immich.at("/services/immich-oidc-config/environment/IMMICH_CONFIG_FILE").asText())
                .isEqualTo(immich.at("/services/immich-server/environment/IMMICH_CONFIG_FILE").asText());
        assertThat(immich.at("/services/immich-server/depends_on/immich-oidc-config/condition").asText())
                .isEqualTo("service_completed_successfully");
    }

    private static JsonNode validCompose(Path file, Map<String, String> env) throws Exception {
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(interpolate(Files.readString(file), env));
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
        ObjectNode schema = (ObjectNode) new ObjectMapper()
                .readTree(SHARED.resolve("compose/compose-spec.schema.json").toFile());
        schema.remove("$id");
        assertThat(factory.getSchema(schema).validate(compose)).as(file.toString()).isEmpty();
        return compose;
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
        // the apps' host names, which desired-state.yaml and the examples read alike
        assertThat(env).containsEntry("NEXTCLOUD_HOST", "nc.example.org").containsEntry("IMMICH_HOST",
                "immich.example.org").containsEntry("INVENTREE_PARTS_HOST", "parts.example.org")
                .containsEntry("AUTHENTIK_EMAIL__HOST", "");
        assertThat(output).doesNotContain(env.get("AUTHENTIK_SERVICE_TOKEN")).doesNotContain(env.get("ADMIN_PASSWORD"));
        assertThat(dir.resolve("desired-state.yaml")).exists();
    }

    @Test
    void initScriptAddsTheServiceTokenToAnEnvFromBefore(@TempDir Path dir) throws Exception {
        Files.copy(Path.of("deploy/init.sh"), dir.resolve("init.sh"));
        Files.copy(Path.of("deploy/desired-state.example.yaml"), dir.resolve("desired-state.example.yaml"));
        Files.copy(Path.of("deploy/.env.example"), dir.resolve(".env.example"));
        Files.writeString(dir.resolve(".env"), "DOMAIN=example.org\nAUTHENTIK_BOOTSTRAP_TOKEN=kept-as-it-was\n"
                + "NEXTCLOUD_HOST=cloud.example.org\n");
        Process p = new ProcessBuilder("bash", dir.resolve("init.sh").toString(), "example.org")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(output).isZero();

        Map<String, String> env = readEnv(dir.resolve(".env"));
        assertThat(env.get("AUTHENTIK_BOOTSTRAP_TOKEN")).isEqualTo("kept-as-it-was");
        assertThat(env.get("AUTHENTIK_SERVICE_TOKEN")).hasSizeGreaterThanOrEqualTo(32);
        assertThat(output).contains("added AUTHENTIK_SERVICE_TOKEN").doesNotContain(env.get("AUTHENTIK_SERVICE_TOKEN"));
        // host names the .env lacks are added under its domain; one it has is kept
        assertThat(env).containsEntry("NEXTCLOUD_HOST", "cloud.example.org").containsEntry("IMMICH_HOST",
                "immich.example.org").doesNotContainKey("AUTHENTIK_EMAIL__HOST");
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
