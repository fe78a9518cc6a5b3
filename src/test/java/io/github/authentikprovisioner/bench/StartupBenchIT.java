package io.github.authentikprovisioner.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.emulator.AuthentikEmulator;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The packaged service ({@code target/quarkus-app}, built by {@code -Pbench} in the AOT-ready layout) started as in
 * production against the emulator this test serves: time from process start to its first answered request, and
 * resident memory after it applied the example document, with {@code java -jar} and with the JDK's AOT cache
 * ({@code -XX:AOTCache}, trained here by one run that applies the document), side by side.
 */
@QuarkusTest
@Tag("bench")
class StartupBenchIT {

    private static final Path APP = Path.of("target/quarkus-app");
    private static final Path CACHE = BenchReport.DIR.resolve("app.aot").toAbsolutePath();
    private static final String API_TOKEN = "bench-api-token-0123456789abcdef0123456789";
    private static final int RUNS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/emulator")
    URL emulatorUrl;

    @Inject
    AuthentikEmulator emulator;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void startupAndMemory() throws Exception {
        assertThat(APP.resolve("quarkus-run.jar")).exists();
        Files.createDirectories(BenchReport.DIR);
        Files.deleteIfExists(CACHE);
        Run training = run(List.of("-XX:AOTCacheOutput=" + CACHE));
        assertThat(CACHE).as("AOT cache written when the training run exits").exists();

        Map<String, List<Run>> runs = new LinkedHashMap<>();
        for (int i = 0; i < RUNS; i++) {
            runs.computeIfAbsent("java -jar", k -> new ArrayList<>()).add(run(List.of()));
            runs.computeIfAbsent("java -XX:AOTCache -jar", k -> new ArrayList<>())
                    .add(run(List.of("-XX:AOTCache=" + CACHE)));
        }
        StringBuilder md = new StringBuilder("## Start-up and memory of the packaged service (median of " + RUNS
                + ")\n\nFrom process start to its first answered request (`/q/health/live`), and resident memory "
                + "(VmRSS) after it applied the example document to the emulator. AOT cache: "
                + Files.size(CACHE) / (1024 * 1024) + " MB, trained by one run applying the document (it took "
                + training.startMillis + " ms to start).\n\n| run | first answer ms | RSS after the document MB |\n"
                + "|---|---:|---:|\n");
        ObjectNode json = JSON.createObjectNode().put("aotCacheBytes", Files.size(CACHE));
        runs.forEach((mode, list) -> {
            long start = median(list.stream().map(r -> r.startMillis).toList());
            long rss = median(list.stream().map(r -> r.rssKb).toList());
            md.append("| `%s` | %d | %d |\n".formatted(mode, start, rss / 1024));
            json.putObject(mode).put("firstAnswerMillis", start).put("rssKb", rss);
        });
        BenchReport.write("startup", json, md.toString());
    }

    private record Run(long startMillis, long rssKb) {
    }

    /** Starts the packaged service, waits for its first answer, applies the document, measures, stops it. */
    private Run run(List<String> jvmOptions) throws Exception {
        emulator.reset();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-Dquarkus.http.port=" + port, "-jar", "quarkus-run.jar"));
        ProcessBuilder pb = new ProcessBuilder(command).directory(APP.toFile()).redirectErrorStream(true)
                .redirectOutput(BenchReport.DIR.resolve("startup-run.log").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("PROVISIONER_") || k.startsWith("AUTHENTIK_"));
        pb.environment().put("AUTHENTIK_URL", emulatorUrl.toString());
        pb.environment().put("AUTHENTIK_TOKEN", ConfigProvider.getConfig().getValue("emulator.token", String.class));
        pb.environment().put("AUTHENTIK_PUBLIC_URL", "https://auth.example.com");
        pb.environment().put("PROVISIONER_API_TOKEN", API_TOKEN);
        // the scheduled outpost check calls authentik a second after start: this measures start-up alone
        pb.environment().put("QUARKUS_SCHEDULER_ENABLED", "false");
        long started = System.nanoTime();
        Process p = pb.start();
        try {
            URI live = URI.create("http://localhost:" + port + "/q/health/live");
            long firstAnswer = -1;
            while (firstAnswer < 0) {
                assertThat(p.isAlive()).as("service running").isTrue();
                assertThat(System.nanoTime() - started).as("started within 60 s").isLessThan(60_000_000_000L);
                try {
                    if (http.send(HttpRequest.newBuilder(live).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode() == 200) {
                        firstAnswer = (System.nanoTime() - started) / 1_000_000;
                    }
                } catch (IOException notYet) {
                    Thread.sleep(5);
                }
            }
            assertThat(emulator.calls().all()).as("no authentik call before the first request").isEmpty();
            // without AUTHENTIK_SERVICE_TOKEN this service keeps akadmin's token, so the admin entry leaves akadmin
            // active (deactivating it would be refused with 409)
            String document = io.github.authentikprovisioner.ExampleEnvironment.expand(
                    Files.readString(Path.of("deploy/desired-state.example.yaml")), "bench-admin-password-not-a-secret")
                    .replace("deactivateAkadmin: true", "deactivateAkadmin: false");
            HttpResponse<String> applied = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/desired-state"))
                    .header("Authorization", "Bearer " + API_TOKEN).header("Content-Type", "application/yaml")
                    .POST(HttpRequest.BodyPublishers.ofString(document)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(applied.statusCode()).as(applied.body()).isEqualTo(201);
            return new Run(firstAnswer, rssKb(p.pid()));
        } finally {
            p.destroy(); // SIGTERM: a training run writes its AOT cache as the JVM exits
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
