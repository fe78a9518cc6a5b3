package io.github.authentikprovisioner.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

/**
 * {@code application healthcheck}, the packaged application's Docker healthcheck: it asks the service running on
 * this host and exits 0 or 1 without starting Quarkus, and a service whose authentik is away is healthy (its
 * readiness is not: that is for people and monitoring, not for what waits on the container).
 */
class HealthCheckIT {

    private static final Path APP = Path.of("target/quarkus-app");

    @TempDir
    Path dir;

    @Test
    void exitsZeroWhenTheServiceAnswersAndStartsNoQuarkus() throws Exception {
        HttpServer stub = stub(200);
        try {
            Result r = healthcheck(Map.of("QUARKUS_HTTP_PORT", String.valueOf(stub.getAddress().getPort())));
            assertThat(r.exit).as(r.output).isZero();
            assertThat(r.output).doesNotContain("Quarkus").doesNotContain("started in");
        } finally {
            stub.stop(0);
        }
    }

    @Test
    void exitsOneSayingWhatItGot() throws Exception {
        HttpServer stub = stub(503);
        try {
            Result r = healthcheck(Map.of("QUARKUS_HTTP_PORT", String.valueOf(stub.getAddress().getPort())));
            assertThat(r.exit).isEqualTo(1);
            assertThat(r.output).contains("/q/health/live answered 503");
        } finally {
            stub.stop(0);
        }
        Result nobody = healthcheck(Map.of("QUARKUS_HTTP_PORT", String.valueOf(freePort())));
        assertThat(nobody.exit).isEqualTo(1);
        assertThat(nobody.output).contains("did not answer");
    }

    @Test
    void theServiceIsHealthyWhileAuthentikIsAway() throws Exception {
        int port = freePort();
        ProcessBuilder pb = new ProcessBuilder(java(), "-jar", APP.resolve("quarkus-run.jar").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("service.log").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("PROVISIONER_") || k.startsWith("AUTHENTIK_"));
        pb.environment().putAll(Map.of("QUARKUS_HTTP_PORT", String.valueOf(port), "AUTHENTIK_URL",
                "http://127.0.0.1:9", "AUTHENTIK_TOKEN", "authentik-token-not-a-secret-0123456789",
                "AUTHENTIK_PUBLIC_URL", "https://auth.example.com", "PROVISIONER_API_TOKEN",
                "a-valid-api-token-0123456789abcdef", "QUARKUS_SCHEDULER_ENABLED", "false"));
        Process service = pb.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            URI ready = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int readiness = -1;
            while (readiness < 0) {
                assertThat(service.isAlive() && System.nanoTime() < until)
                        .as("service up within 60 s: %s", Files.readString(dir.resolve("service.log"))).isTrue();
                try {
                    readiness = http.send(HttpRequest.newBuilder(ready).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (IOException notYet) {
                    Thread.sleep(50);
                }
            }
            assertThat(readiness).as("not ready: authentik is unreachable").isEqualTo(503);

            Result r = healthcheck(Map.of("QUARKUS_HTTP_PORT", String.valueOf(port)));
            assertThat(r.exit).as(r.output).isZero();
        } finally {
            service.destroy();
            service.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result healthcheck(Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of(java(), "-jar", APP.resolve("quarkus-run.jar").toString(),
                "healthcheck")).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("healthcheck returns within its timeout").isTrue();
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes()));
    }

    private static HttpServer stub(int status) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/q/health/live", exchange -> {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
