package io.github.authentikprovisioner.authentik;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.faulttolerance.api.Guard;

/**
 * The one entry point to authentik: hands out {@link AuthentikSession}s (a unit of work that counts its calls and
 * caches default-object lookups) and answers the readiness probe.
 *
 * <p>Transport failures become {@link AuthentikException.Unavailable}; HTTP errors are mapped by each area client.
 */
@ApplicationScoped
public class Authentik {

    private static final Logger LOG = Logger.getLogger(Authentik.class);

    private final AuthentikApi api;
    private final AuthentikConfig config;
    private final Guard reads;
    private final KeyProbeApi keyProbe;
    private final CurrentToken token;
    private final RecentWrites recentWrites = new RecentWrites(java.time.Clock.systemUTC());

    Authentik(@RestClient AuthentikApi api, @RestClient KeyProbeApi keyProbe, CurrentToken token,
            AuthentikConfig config) {
        this.api = api;
        this.keyProbe = keyProbe;
        this.token = token;
        this.config = config;
        long delay = config.readRetryDelay().toMillis();
        // reads are idempotent: ride out an authentik restart or a 502 from its proxy; writes are never retried
        this.reads = Guard.create().withDescription("authentik reads")
                .withRetry().maxRetries(config.readRetries()).delay(delay, ChronoUnit.MILLIS)
                .jitter(Math.max(1, delay / 2), ChronoUnit.MILLIS)
                .retryOn(AuthentikException.Unavailable.class).done()
                .build();
    }

    /** A fresh unit of work for one API request, bounded by {@code AUTHENTIK_REQUEST_DEADLINE}. */
    public AuthentikSession session() {
        return new AuthentikSession(this, config.requestDeadline(), config.readConcurrency());
    }

    /** A fresh unit of work for a whole desired-state document, bounded by {@code AUTHENTIK_DOCUMENT_DEADLINE}. */
    public AuthentikSession documentSession() {
        return documentSession(config.readConcurrency());
    }

    /** Like {@link #documentSession()}, making up to {@code readConcurrency} independent reads at once. */
    public AuthentikSession documentSession(int readConcurrency) {
        return new AuthentikSession(this, config.documentDeadline(), readConcurrency);
    }

    /** The user a token belongs to, as authentik sees it ({@code GET /core/users/me/}). */
    public record TokenUser(String username, boolean superuser) {

        static TokenUser of(JsonNode me) {
            JsonNode user = me.path("user");
            return new TokenUser(user.path("username").asText(), user.path("is_superuser").asBoolean());
        }
    }

    /**
     * Proves authentik is reachable and accepts our token, and says whose it is; throws {@link AuthentikException}
     * otherwise.
     */
    public TokenUser ping() {
        return TokenUser.of(call("GET users/me", api::me));
    }

    /** Which configured token the calls send now. */
    public CurrentToken.Source tokenInUse() {
        return token.source();
    }

    /** {@code GET /core/users/me/} with the key of {@code source}, whichever token is in use. */
    com.fasterxml.jackson.databind.node.ObjectNode me(CurrentToken.Source source) {
        return keyProbe.me("Bearer " + token.key(source), "en");
    }

    /** The configured key of {@code source}, for {@code set_key}; never logged, never answered. */
    String key(CurrentToken.Source source) {
        return token.key(source);
    }


    /** The public URL of authentik, the form links and outpost config use. */
    public String publicUrl() {
        return config.publicBase();
    }

    /** When this process last wrote an object, for an hour. */
    public RecentWrites recentWrites() {
        return recentWrites;
    }

    AuthentikApi api() {
        return api;
    }

    int pageSize() {
        return config.pageSize();
    }

    /**
     * Runs independent reads at once, at most {@code concurrency} at a time, each on a virtual thread (the REST client
     * blocks); returns when all are done and rethrows the first failure.
     */
    void parallel(List<Runnable> reads, int concurrency) {
        if (reads.size() <= 1 || concurrency <= 1) {
            reads.forEach(Runnable::run);
            return;
        }
        Semaphore slots = new Semaphore(concurrency);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (Runnable read : reads) {
                running.add(threads.submit(() -> {
                    slots.acquireUninterruptibly();
                    try {
                        read.run();
                    } finally {
                        slots.release();
                    }
                }));
            }
            RuntimeException first = null;
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AuthentikException.Unavailable("interrupted while reading from authentik", e);
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    /** Runs one idempotent read, retried on transient failures. */
    @SuppressWarnings("unchecked")
    <T> T read(String what, Supplier<T> call) {
        return (T) reads.get(() -> call(what, call), Object.class);
    }

    /** Runs one HTTP call, turning transport failures (refused, reset, timed out) into {@code Unavailable}. */
    static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (AuthentikException e) {
            throw e;
        } catch (ProcessingException e) {
            LOG.debugf("authentik call %s failed: %s", what, e.getMessage());
            throw new AuthentikException.Unavailable("authentik is unreachable (" + rootMessage(e) + ")", e);
        } catch (WebApplicationException e) {
            throw AuthentikErrors.from(e.getResponse());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
