package io.github.authentikprovisioner.launch;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * {@code application healthcheck}: one GET of the running service's liveness probe on this host, exit status 0 when
 * it answers 200 within {@link #TIMEOUT}, else 1 with one line on stderr saying what it got.
 *
 * <p>Liveness ({@code /q/health/live}) and not readiness: {@code /q/health/ready} is DOWN while authentik does not
 * answer or refuses the token, which says nothing about this service. A container healthcheck tied to authentik
 * would hold hostage what waits for it: Compose starts a service that {@code depends_on} this one with
 * {@code condition: service_healthy} only once it is healthy and gives up when it is unhealthy, and Traefik routes
 * no container whose health is not {@code healthy} (traefik pkg/provider/docker, keepContainer: "Filtering unhealthy
 * or starting container"). A healthy service answers every call, with 503 and {@code Retry-After} while authentik
 * is away, which the example hooks wait for.
 *
 * <p>JDK only ({@code java.net.http}, which GraalVM's native image supports through its JavaNetHttpFeature), so the
 * same code runs in the native executable before any of Quarkus is started.
 *
 * @param uri the probe to ask
 */
record HealthCheck(URI uri) {

    /** The argument that selects this command instead of starting the service. */
    static final String COMMAND = "healthcheck";
    /** The probe: up as soon as the HTTP server answers, whatever authentik does (see above). */
    static final String PATH = "/q/health/live";
    /** How long connecting and answering may take together; Compose's own timeout is longer. */
    static final Duration TIMEOUT = Duration.ofSeconds(3);

    /**
     * The probe on 127.0.0.1 at the port the service listens on: {@code -Dquarkus.http.port}, else
     * {@code QUARKUS_HTTP_PORT}, else Quarkus' default 8080.
     */
    static HealthCheck fromEnvironment(Map<String, String> env, Properties properties) {
        String port = properties.getProperty("quarkus.http.port", env.getOrDefault("QUARKUS_HTTP_PORT", "8080"));
        return new HealthCheck(URI.create("http://127.0.0.1:" + Integer.parseInt(port.strip()) + PATH));
    }

    /** Asks the probe once; 0 when it answered 200, else 1 after printing why to {@code err}. */
    int run(PrintStream err) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 200) {
                return 0;
            }
            err.println("healthcheck: " + uri + " answered " + status);
        } catch (IOException e) {
            err.println("healthcheck: " + uri + " did not answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("healthcheck: interrupted");
        }
        return 1;
    }
}
