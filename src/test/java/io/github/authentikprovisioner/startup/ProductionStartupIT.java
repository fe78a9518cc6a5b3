package io.github.authentikprovisioner.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The packaged application, started as in production (prod profile, configuration from the environment), refuses
 * to start without a client that may call it (PROVISIONER_API_TOKEN or PROVISIONER_CLIENTS_FILE), and never prints the tokens it was given.
 */
class ProductionStartupIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    @Test
    void refusesToStartWithoutAnyClient() throws Exception {
        Result r = start(Map.of());
        assertThat(r.exitCode).isNotZero();
        assertThat(r.output).contains("no client can call this API")
                .contains("PROVISIONER_API_TOKEN").contains("PROVISIONER_CLIENTS_FILE");
    }

    @Test
    void refusesToStartWithAShortToken() throws Exception {
        Result r = start(Map.of("PROVISIONER_API_TOKEN", "too-short-token"));
        assertThat(r.exitCode).isNotZero();
        assertThat(r.output).contains("PROVISIONER_API_TOKEN must be at least 32 characters long")
                .doesNotContain("too-short-token");
    }

    @Test
    void refusesToStartWithoutAnAuthentikToken() throws Exception {
        Result r = start(Map.of("PROVISIONER_API_TOKEN", "a-valid-api-token-0123456789abcdef", "AUTHENTIK_TOKEN", ""));
        assertThat(r.exitCode).isNotZero();
        assertThat(r.output).contains("no authentik token is configured").contains("AUTHENTIK_SERVICE_TOKEN");
    }

    @Test
    void refusesToStartWhenTheOwnTokenIsTheFirstOne() throws Exception {
        Result r = start(Map.of("PROVISIONER_API_TOKEN", "a-valid-api-token-0123456789abcdef",
                "AUTHENTIK_SERVICE_TOKEN", "authentik-token-that-must-not-be-printed-123"));
        assertThat(r.exitCode).isNotZero();
        assertThat(r.output).contains("AUTHENTIK_SERVICE_TOKEN must differ from AUTHENTIK_TOKEN");
    }

    private record Result(int exitCode, String output) {
    }

    private static Result start(Map<String, String> extraEnv) throws IOException, InterruptedException {
        assertThat(JAR).exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=0", "-jar", JAR.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("PROVISIONER_") || k.startsWith("AUTHENTIK_"));
        pb.environment().put("AUTHENTIK_URL", "http://127.0.0.1:9");
        pb.environment().put("AUTHENTIK_TOKEN", "authentik-token-that-must-not-be-printed-123");
        pb.environment().put("AUTHENTIK_PUBLIC_URL", "https://auth.example.com");
        pb.environment().putAll(extraEnv);
        Process p = pb.start();
        boolean exited = p.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly();
        }
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(exited).as("process exits on its own:\n" + output).isTrue();
        assertThat(output).doesNotContain("authentik-token-that-must-not-be-printed-123");
        return new Result(p.exitValue(), output);
    }
}
