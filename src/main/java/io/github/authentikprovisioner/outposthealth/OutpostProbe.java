package io.github.authentikprovisioner.outposthealth;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Asks the outpost about a host exactly as Traefik's forwardAuth middleware does: {@code GET} of its forward-auth
 * address with {@code X-Forwarded-Proto}, {@code -Host}, {@code -Uri} and {@code -Method}, no cookie, no credentials,
 * redirects not followed, bounded time; several hosts at once on virtual threads.
 */
@ApplicationScoped
class OutpostProbe {

    private static final int BODY_BYTES = 2048;

    private final OutpostHealthConfig config;
    private final HttpClient client;

    OutpostProbe(OutpostHealthConfig config) {
        this.config = config;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(config.probeTimeout()).version(HttpClient.Version.HTTP_1_1).build();
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** The outpost's answer for each URL ({@code proto://host/uri}), at most {@code probe-concurrency} at once. */
    Map<URI, ProbeResult> probeAll(URI forwardAuth, List<URI> urls) {
        Map<URI, ProbeResult> out = new ConcurrentHashMap<>();
        Semaphore slots = new Semaphore(Math.max(1, config.probeConcurrency()));
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (URI url : urls.stream().distinct().toList()) {
                threads.submit(() -> {
                    slots.acquireUninterruptibly();
                    try {
                        out.put(url, probe(forwardAuth, url));
                    } finally {
                        slots.release();
                    }
                });
            }
        }
        return out;
    }

    ProbeResult probe(URI forwardAuth, URI url) {
        HttpRequest request = HttpRequest.newBuilder(forwardAuth).GET().timeout(config.probeTimeout())
                .header("X-Forwarded-Proto", url.getScheme())
                .header("X-Forwarded-Host", url.getRawAuthority())
                .header("X-Forwarded-Uri", SkipPathRule.pathOf(url))
                .header("X-Forwarded-Method", "GET")
                .header("Accept", "text/html,application/json")
                .build();
        long start = System.nanoTime();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(BODY_BYTES), StandardCharsets.UTF_8);
            }
            return new ProbeResult(response.statusCode(), response.headers().firstValue("Location").orElse(null),
                    body, millisSince(start), null);
        } catch (HttpTimeoutException e) {
            return ProbeResult.failed(millisSince(start), "no answer within " + config.probeTimeout().toMillis()
                    + " ms");
        } catch (ConnectException e) {
            return ProbeResult.failed(millisSince(start), "connection refused");
        } catch (IOException e) {
            return ProbeResult.failed(millisSince(start), e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.failed(millisSince(start), "interrupted");
        }
    }

    private static long millisSince(long start) {
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }
}
