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
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * The packaged service as the JVM image ships it, started as in production against the emulator this test serves.
 * It is built the way {@code src/main/docker/Dockerfile.jvm} builds it: its package step, read from the file, run on
 * a copy of the image's build context ({@code .dockerignore}), so with {@code -Dproduction} and without the emulator
 * and its libraries, which {@code target/quarkus-app} of this build carries (a quarter more start-up). Measured: time
 * from process start to its first answered request, the CPU
 * it used until then, and resident memory right after it applied the example document and 3 s later. Four ways of
 * running it side by side: the JDK's defaults, with and without an AOT cache, and the options of
 * {@code src/main/docker/Dockerfile.jvm} (its {@code JAVA_OPTS} and {@code MALLOC_ARENA_MAX}, read from the file),
 * with and without an AOT cache. Each cache is trained the way that image trains its own: one start up to the first
 * answer, then a stop, with the same options.
 */
@QuarkusTest
@Tag("bench")
class StartupBenchIT {

    private static final Path BUILD = BenchReport.DIR.resolve("image-build");
    private static final Path APP = BUILD.resolve("target/quarkus-app");
    private static final Path DOCKERFILE = Path.of("src/main/docker/Dockerfile.jvm");
    private static final String API_TOKEN = "bench-api-token-0123456789abcdef0123456789";
    private static final int RUNS = 3;
    private static final Duration SETTLE = Duration.ofSeconds(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/emulator")
    URL emulatorUrl;

    @Inject
    AuthentikEmulator emulator;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** One way of running the service: its JVM options, its environment, and whether it starts from a cache. */
    private record Mode(String name, List<String> options, Map<String, String> env, Path cache) {
    }

    private record Run(long startMillis, long cpuMillis, long rssKb, long settledRssKb) {
    }

    @Test
    void startupAndMemory() throws Exception {
        String dockerfile = Files.readString(DOCKERFILE);
        List<String> packageStep = packageAsTheImageDoes(dockerfile);
        List<String> imageOptions = Arrays.asList(value(dockerfile, "JAVA_OPTS=\"([^\"]+)\"").split("\\s+"));
        Map<String, String> imageEnv = Map.of("MALLOC_ARENA_MAX", value(dockerfile, "MALLOC_ARENA_MAX=(\\d+)"));

        List<Mode> modes = List.of(new Mode("java -jar (JDK defaults)", List.of(), Map.of(), null),
                new Mode("java -XX:AOTCache -jar (JDK defaults)", List.of(), Map.of(), cache("defaults")),
                new Mode("Dockerfile.jvm options", imageOptions, imageEnv, null),
                new Mode("Dockerfile.jvm options, AOT cache (the JVM image)", imageOptions, imageEnv, cache("image")));
        Map<Mode, Long> cacheBytes = new LinkedHashMap<>();
        for (Mode mode : modes.stream().filter(m -> m.cache != null).toList()) {
            Files.deleteIfExists(mode.cache);
            List<String> training = new ArrayList<>(mode.options);
            training.add("-XX:AOTCacheOutput=" + mode.cache);
            run(training, mode.env, false);
            assertThat(mode.cache).as("AOT cache written when the training run exits").exists();
            cacheBytes.put(mode, Files.size(mode.cache));
        }

        Map<Mode, List<Run>> runs = new LinkedHashMap<>();
        for (int i = 0; i < RUNS; i++) {
            for (Mode mode : modes) {
                List<String> options = new ArrayList<>(mode.options);
                if (mode.cache != null) {
                    options.add("-XX:AOTCache=" + mode.cache);
                }
                runs.computeIfAbsent(mode, k -> new ArrayList<>()).add(run(options, mode.env, true));
            }
        }

        String pressure = cpuPressure();
        StringBuilder md = new StringBuilder("## Start-up and memory of the packaged service (median of " + RUNS
                + ")\n\nThe package the JVM image ships, built as `Dockerfile.jvm` builds it (`mvnw "
                + String.join(" ", packageStep) + "`: without the emulator). From process start to its first answered "
                + "request (`/q/health/live`, what the Docker healthcheck asks) and the CPU time used until then, and "
                + "resident memory (VmRSS) right after it applied the example document to the emulator and "
                + SETTLE.toSeconds() + " s later. Dockerfile.jvm options: `"
                + String.join(" ", imageOptions) + "` with `MALLOC_ARENA_MAX=" + imageEnv.get("MALLOC_ARENA_MAX")
                + "`. AOT caches trained like the image's, by one start up to the first answer: "
                + cacheBytes.values().stream().map(b -> b / (1024 * 1024) + " MiB").toList() + ". Measured on "
                + Runtime.getRuntime().availableProcessors() + " CPUs; CPU pressure while measuring (/proc/pressure/cpu,"
                + " share of time some task waited for a CPU, avg60): " + pressure + " (wall times grow with it, "
                + "CPU times hardly).\n\n| run | first answer ms | CPU until then ms | RSS after the document MiB "
                + "| RSS " + SETTLE.toSeconds() + " s later MiB |\n|---|---:|---:|---:|---:|\n");
        ObjectNode json = JSON.createObjectNode().put("cpus", Runtime.getRuntime().availableProcessors())
                .put("cpuPressureAvg60", pressure).put("imageJavaOpts", String.join(" ", imageOptions));
        runs.forEach((mode, list) -> {
            long start = median(list, Run::startMillis);
            long cpu = median(list, Run::cpuMillis);
            long rss = median(list, Run::rssKb);
            long settled = median(list, Run::settledRssKb);
            md.append("| %s | %d | %d | %d | %d |\n".formatted(mode.name, start, cpu, rss / 1024, settled / 1024));
            json.putObject(mode.name).put("firstAnswerMillis", start).put("cpuMillis", cpu).put("rssKb", rss)
                    .put("settledRssKb", settled).put("aotCacheBytes", cacheBytes.getOrDefault(mode, 0L));
        });
        BenchReport.write("startup", json, md.toString());
    }

    /**
     * Copies the image's build context (the paths {@code .dockerignore} lets in) into {@link #BUILD} and runs the
     * image's package step there (its {@code RUN ./mvnw ... package ...} line); answers that step's arguments.
     */
    private static List<String> packageAsTheImageDoes(String dockerfile) throws IOException, InterruptedException {
        if (Files.exists(BUILD)) {
            try (var old = Files.walk(BUILD)) {
                old.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        List<String> context = Files.readAllLines(Path.of(".dockerignore")).stream().filter(l -> l.startsWith("!"))
                .map(l -> l.substring(1)).toList();
        assertThat(context).as("paths .dockerignore lets in").isNotEmpty();
        for (String part : context) {
            try (var files = Files.walk(Path.of(part))) {
                for (Path f : files.toList()) {
                    Path to = BUILD.resolve(f.toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(to);
                    } else {
                        Files.createDirectories(to.getParent());
                        Files.copy(f, to, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        }
        List<String> step = Arrays.asList(value(dockerfile, "RUN \\./mvnw ([^\n]* package [^\n]*)").split("\\s+"));
        List<String> command = new ArrayList<>(List.of("./mvnw", "-q"));
        command.addAll(step);
        Path log = BenchReport.DIR.resolve("image-build.log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(BUILD.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        assertThat(pb.start().waitFor()).as("%s in %s, see %s", command, BUILD, log).isZero();
        assertThat(APP.resolve("quarkus-run.jar")).exists();
        return step;
    }

    private static Path cache(String name) {
        return BenchReport.DIR.resolve(name + ".aot").toAbsolutePath();
    }

    private static String value(String dockerfile, String regex) {
        Matcher m = Pattern.compile(regex).matcher(dockerfile);
        assertThat(m.find()).as("%s in %s", regex, DOCKERFILE).isTrue();
        return m.group(1);
    }

    /**
     * Starts the packaged service, waits for its first answer, then either applies the document and measures, or (a
     * training run) stops at once; stops it with SIGTERM, on which a training run writes its AOT cache.
     */
    private Run run(List<String> jvmOptions, Map<String, String> env, boolean applyDocument) throws Exception {
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
        pb.environment().putAll(env);
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
                assertThat(p.isAlive()).as("service running: %s",
                        Files.readString(BenchReport.DIR.resolve("startup-run.log"))).isTrue();
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
            long cpu = p.toHandle().info().totalCpuDuration().orElseThrow().toMillis();
            if (!applyDocument) {
                return new Run(firstAnswer, cpu, -1, -1);
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
            long rss = rssKb(p.pid());
            Thread.sleep(SETTLE.toMillis());
            return new Run(firstAnswer, cpu, rss, rssKb(p.pid()));
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

    /** The share of the last minute in which some task waited for a CPU ("some avg60"), or "unknown". */
    private static String cpuPressure() {
        try {
            Matcher m = Pattern.compile("some avg10=\\S+ avg60=(\\S+)").matcher(Files.readString(
                    Path.of("/proc/pressure/cpu")));
            return m.find() ? m.group(1) + " %" : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static long median(List<Run> runs, Function<Run, Long> metric) {
        List<Long> sorted = new ArrayList<>(runs.stream().map(metric).toList());
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
