package io.github.authentikprovisioner.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::?[-?][^}]*)?}");

    @Test
    void composeFileFollowsTheComposeSpecification() throws Exception {
        Map<String, String> env = readEnv(Path.of("deploy/.env.example"));
        String interpolated = interpolate(Files.readString(Path.of("deploy/compose.yml")), env);
        JsonNode compose = composeTree(interpolated);

        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
        ObjectNode schema = (ObjectNode) new ObjectMapper()
                .readTree(io.github.authentikprovisioner.SharedFiles.required("compose/compose-spec.schema.json").toFile());
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
    void theProvisionerHasAHealthcheckItsImagesCanRunAndADockerfileChosenInEnv() throws Exception {
        Map<String, String> env = readEnv(Path.of("deploy/.env.example"));
        JsonNode provisioner = composeTree(interpolate(
                Files.readString(Path.of("deploy/compose.yml")), env)).at("/services/provisioner");
        List<String> test = new ArrayList<>();
        provisioner.at("/healthcheck/test").forEach(t -> test.add(t.asText()));
        // no shell (CMD, not CMD-SHELL): the executable both images hold at /work/application answers it
        assertThat(test).containsExactly("CMD", "/work/application", "healthcheck");

        // PROVISIONER_DOCKERFILE picks the image; the default and the alternative named in .env.example exist
        assertThat(provisioner.at("/build/dockerfile").asText()).isEqualTo(env.get("PROVISIONER_DOCKERFILE"))
                .isEqualTo("Dockerfile.native");
        assertThat(Files.readString(Path.of("deploy/.env.example"))).contains("src/main/docker/Dockerfile.jvm");
        for (Path dockerfile : List.of(Path.of("Dockerfile.native"), Path.of("src/main/docker/Dockerfile.jvm"))) {
            String text = Files.readString(dockerfile);
            assertThat(text).as("%s puts an executable at /work/application", dockerfile)
                    .containsPattern("(?m)^COPY .*--chmod=0755 \\S+ /work/application$")
                    .contains("HEALTHCHECK ").contains("CMD [\"/work/application\", \"healthcheck\"]");
            assertThat(copySources(text)).as("%s copies only what .dockerignore lets into a clean context",
                    dockerfile).allMatch(DeployFilesTest::inBuildContext);
        }
    }

    /** The sources of the COPY instructions that read the build context (not another stage). */
    private static List<String> copySources(String dockerfile) {
        List<String> sources = new ArrayList<>();
        for (String line : dockerfile.lines().filter(l -> l.startsWith("COPY ") && !l.contains("--from=")).toList()) {
            List<String> words = new ArrayList<>(List.of(line.substring(5).trim().split("\\s+")));
            words.removeIf(w -> w.startsWith("--"));
            sources.addAll(words.subList(0, words.size() - 1));
        }
        return sources;
    }

    /** What deploy's .dockerignore lets into the build context: mvnw, .mvn, pom.xml and src/main. */
    private static boolean inBuildContext(String source) {
        return source.equals("mvnw") || source.equals("pom.xml") || source.equals(".mvn")
                || source.equals("src/main") || source.startsWith("src/main/");
    }

    /** authentik's containers get authentik's settings only; the service gets no token of its own API. */
    @Test
    void noContainerGetsASecretItDoesNotUse() throws Exception {
        Map<String, String> env = readEnv(Path.of("deploy/.env.example"));
        String text = Files.readString(Path.of("deploy/compose.yml"));
        JsonNode compose = composeTree(interpolate(text, env));
        for (String service : List.of("server", "worker")) {
            assertThat(compose.at("/services/" + service + "/env_file").isMissingNode()).as(service + ": no .env")
                    .isTrue();
            compose.at("/services/" + service + "/environment").fieldNames().forEachRemaining(name ->
                    assertThat(name).as(service).startsWith("AUTHENTIK_").isNotEqualTo("AUTHENTIK_SERVICE_TOKEN"));
            assertThat(compose.at("/services/" + service + "/environment/AUTHENTIK_SECRET_KEY").asText())
                    .isEqualTo(env.get("AUTHENTIK_SECRET_KEY"));
        }
        JsonNode provisioner = compose.at("/services/provisioner/environment");
        assertThat(provisioner.has("PROVISIONER_API_TOKEN")).as("the admin token stays out of the container").isFalse();
        assertThat(provisioner.path("PROVISIONER_CLIENTS_FILE").asText()).isEqualTo("/config/clients/clients.yaml");
        assertThat(compose.at("/services/provisioner/volumes").toString()).contains("./clients:/config/clients:ro");
        assertThat(Files.readString(Path.of("deploy/traefik/traefik.yml")))
                .contains("<PROVISIONER_TRAEFIK_TOKEN>").doesNotContain("<PROVISIONER_API_TOKEN>");
    }

    @Test
    void theExamplesWaitForAHealthyProvisionerInTheStacksProject() throws Exception {
        JsonNode stack = composeTree(interpolate(
                Files.readString(Path.of("deploy/compose.yml")), readEnv(Path.of("deploy/.env.example"))));
        Map<String, String> env = Map.of("DOMAIN", "example.com", "NEXTCLOUD_HOST", "nc.example.com", "IMMICH_HOST",
                "immich.example.com", "PROVISIONER_NEXTCLOUD_TOKEN", "n".repeat(32), "PROVISIONER_IMMICH_TOKEN",
                "i".repeat(32));
        Map<Path, String> waiting = Map.of(Path.of("deploy/examples/nextcloud/compose.snippet.yml"), "nextcloud",
                Path.of("deploy/examples/immich/compose.snippet.yml"), "immich-oidc-config");
        for (Map.Entry<Path, String> example : waiting.entrySet()) {
            JsonNode snippet = validCompose(example.getKey(), env);
            assertThat(snippet.at("/services/" + example.getValue() + "/depends_on/provisioner/condition").asText())
                    .as(example.getKey().toString()).isEqualTo("service_healthy");
            // included from deploy/ (compose `include:`), every service it waits for is one of the stack's or its own
            snippet.path("services").forEach(service -> service.path("depends_on").fieldNames().forEachRemaining(
                    name -> assertThat(stack.at("/services/" + name).isMissingNode()
                            && snippet.at("/services/" + name).isMissingNode())
                            .as("%s waits for %s, which the stack defines", example.getKey(), name).isFalse()));
        }
    }

    @Test
    void exampleComposeSnippetsFollowTheSpecificationAndReachTheProvisioner() throws Exception {
        JsonNode stack = composeTree(interpolate(
                Files.readString(Path.of("deploy/compose.yml")), readEnv(Path.of("deploy/.env.example"))));
        String provisioner = "http://" + stack.at("/services/provisioner/container_name").asText() + ":8080";
        Map<String, String> env = Map.of("DOMAIN", "example.com", "NEXTCLOUD_HOST", "nc.example.com", "IMMICH_HOST",
                "immich.example.com", "PROVISIONER_NEXTCLOUD_TOKEN", "n".repeat(32), "PROVISIONER_IMMICH_TOKEN",
                "i".repeat(32), "PROVISIONER_API_TOKEN", "a".repeat(32));

        JsonNode nextcloud = validCompose(Path.of("deploy/examples/nextcloud/compose.snippet.yml"), env);
        assertThat(nextcloud.at("/services/nextcloud/environment/PROVISIONER_URL").asText()).isEqualTo(provisioner);
        assertThat(nextcloud.at("/services/nextcloud/volumes").toString())
                .contains("./authentik-oidc.sh:/docker-entrypoint-hooks.d/before-starting/authentik-oidc.sh");
        assertThat(nextcloud.at("/networks/traefik/external").asBoolean()).isTrue();
        // behind Traefik: https URLs (the redirect URI the provisioner registered) and Traefik's forwarded headers
        JsonNode nextcloudEnv = nextcloud.at("/services/nextcloud/environment");
        assertThat(nextcloudEnv.path("OVERWRITEPROTOCOL").asText()).isEqualTo("https");
        assertThat(nextcloudEnv.path("OVERWRITECLIURL").asText()).isEqualTo(nextcloudEnv.path("NEXTCLOUD_URL").asText());
        assertThat(nextcloudEnv.path("TRUSTED_PROXIES").asText()).isNotBlank();

        // each container gets its own token (one app's scope), never the admin's
        assertThat(nextcloudEnv.path("PROVISIONER_API_TOKEN").asText()).isEqualTo("n".repeat(32));

        JsonNode immich = validCompose(Path.of("deploy/examples/immich/compose.snippet.yml"), env);
        assertThat(immich.at("/services/immich-oidc-config/environment/PROVISIONER_API_TOKEN").asText())
                .isEqualTo("i".repeat(32));
        assertThat(immich.at("/services/immich-oidc-config/environment/PROVISIONER_URL").asText())
                .isEqualTo(provisioner);
        assertThat(immich.at("/services/immich-oidc-config/environment/IMMICH_CONFIG_FILE").asText())
                .isEqualTo(immich.at("/services/immich-server/environment/IMMICH_CONFIG_FILE").asText());
        assertThat(immich.at("/services/immich-server/depends_on/immich-oidc-config/condition").asText())
                .isEqualTo("service_completed_successfully");
    }

    private static JsonNode validCompose(Path file, Map<String, String> env) throws Exception {
        JsonNode compose = composeTree(interpolate(Files.readString(file), env));
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
        ObjectNode schema = (ObjectNode) new ObjectMapper()
                .readTree(io.github.authentikprovisioner.SharedFiles.required("compose/compose-spec.schema.json").toFile());
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

        // one token per caller, only their hashes in the clients file, Traefik's token in traefik.env alone
        List<String> tokens = List.of("PROVISIONER_API_TOKEN", "PROVISIONER_TRAEFIK_TOKEN",
                "PROVISIONER_NEXTCLOUD_TOKEN", "PROVISIONER_IMMICH_TOKEN");
        assertThat(tokens.stream().map(env::get).distinct()).hasSize(4).allMatch(t -> t.length() >= 32);
        String clients = Files.readString(dir.resolve("clients/clients.yaml"));
        for (String name : tokens) {
            assertThat(clients).doesNotContain(env.get(name)).contains(sha256(env.get(name)));
            assertThat(output).doesNotContain(env.get(name));
        }
        assertThat(clients).contains("scopes: [traefik]").contains("scopes: [apps/oidc/nextcloud]")
                .contains("scopes: [admin]");
        String traefik = Files.readString(dir.resolve("traefik.env"));
        assertThat(traefik).contains("Bearer " + env.get("PROVISIONER_TRAEFIK_TOKEN"))
                .doesNotContain(env.get("PROVISIONER_API_TOKEN"));
    }

    private static String sha256(String token) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
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

    /**
     * The call init.sh prints at its end, run as printed from the folder it ran in, with a stand-in {@code docker}
     * that runs the curl of {@code docker run … curlimages/curl …} here, connecting authentik-provisioner:8080 to a
     * stub: it reaches the provisioner by the name it has on the traefik network, and the token reaches it from
     * .env through a pipe, never in a command line.
     */
    @Test
    void initScriptPrintsACallThatWorksWhereItIsRun(@TempDir Path dir) throws Exception {
        Files.copy(Path.of("deploy/init.sh"), dir.resolve("init.sh"));
        Files.copy(Path.of("deploy/.env.example"), dir.resolve(".env.example"));
        Files.copy(Path.of("deploy/desired-state.example.yaml"), dir.resolve("desired-state.example.yaml"));
        Process init = new ProcessBuilder("bash", dir.resolve("init.sh").toString(), "example.org")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(init.getInputStream().readAllBytes());
        assertThat(init.waitFor()).as(output).isZero();
        List<String> lines = output.lines().toList();
        int from = lines.indexOf(lines.stream().filter(l -> l.contains("from this folder")).findFirst().orElseThrow());
        StringBuilder command = new StringBuilder();
        for (String line : lines.subList(from + 1, lines.size())) {
            command.append(line.strip().replaceAll("\\\\$", "")).append(' ');
            if (!line.endsWith("\\")) {
                break;
            }
        }
        assertThat(command.toString()).contains("--network traefik").contains("http://authentik-provisioner:8080/");

        Map<String, String> got = new java.util.concurrent.ConcurrentHashMap<>();
        com.sun.net.httpserver.HttpServer provisioner = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        provisioner.createContext("/", exchange -> {
            got.put("call", exchange.getRequestMethod() + " " + exchange.getRequestURI());
            got.put("authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            got.put("body", new String(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        provisioner.start();
        try {
            Path bin = Files.createDirectories(dir.resolve("bin"));
            Files.writeString(bin.resolve("docker"), """
                    #!/bin/sh
                    printf '%s\\n' "$@" > "$STUB_DOCKER_ARGS"
                    [ "$1" = run ] || exit 1
                    while [ "$1" != curlimages/curl ]; do shift; done
                    shift
                    exec curl --connect-to "authentik-provisioner:8080:127.0.0.1:$STUB_PORT" "$@"
                    """);
            Files.setPosixFilePermissions(bin.resolve("docker"),
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            ProcessBuilder pb = new ProcessBuilder("bash", "-c", command.toString()).directory(dir.toFile())
                    .redirectErrorStream(true);
            pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
            pb.environment().put("STUB_PORT", String.valueOf(provisioner.getAddress().getPort()));
            pb.environment().put("STUB_DOCKER_ARGS", dir.resolve("docker-args").toString());
            Process call = pb.start();
            String callOutput = new String(call.getInputStream().readAllBytes());
            assertThat(call.waitFor()).as(callOutput).isZero();
        } finally {
            provisioner.stop(0);
        }
        String token = readEnv(dir.resolve(".env")).get("PROVISIONER_API_TOKEN");
        assertThat(got.get("call")).isEqualTo("PUT /forward-auth");
        assertThat(got.get("authorization")).isEqualTo("Bearer " + token);
        assertThat(got.get("body")).contains("\"cookieDomain\": \"example.org\"");
        assertThat(Files.readAllLines(dir.resolve("docker-args"))).containsSubsequence("run", "-i")
                .containsSubsequence("--network", "traefik").noneMatch(a -> a.contains(token));
        assertThat(command.toString()).doesNotContain(token);
    }

    /**
     * A Compose file as Compose reads it: with its anchors and aliases ({@code x-authentik-environment}) resolved,
     * which SnakeYAML does and Jackson's YAML trees do not.
     */
    private static JsonNode composeTree(String text) {
        return new ObjectMapper().valueToTree(new org.yaml.snakeyaml.Yaml().load(text));
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
