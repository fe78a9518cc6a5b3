package io.github.authentikprovisioner.authentik;

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

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

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
    /** How long one HTTP call may take at most ({@code AUTHENTIK_READ_TIMEOUT_MS}, the REST client's). */
    private final long callTimeoutNanos;
    private final KeyProbeApi keyProbe;
    private final CurrentToken token;
    private final RecentWrites recentWrites = new RecentWrites(java.time.Clock.systemUTC());

    Authentik(@RestClient AuthentikApi api, @RestClient KeyProbeApi keyProbe, CurrentToken token,
            AuthentikConfig config,
            @ConfigProperty(name = "quarkus.rest-client.authentik.read-timeout") long readTimeoutMillis) {
        this.callTimeoutNanos = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(readTimeoutMillis);
        this.api = api;
        this.keyProbe = keyProbe;
        this.token = token;
        this.config = config;
    }

    /** A fresh unit of work for one API request, bounded by {@code AUTHENTIK_REQUEST_DEADLINE}. */
    public AuthentikSession session() {
        return new AuthentikSession(this, Deadline.in(config.requestDeadline()), config.readConcurrency());
    }

    /** A fresh unit of work for a whole desired-state document, bounded by {@code AUTHENTIK_DOCUMENT_DEADLINE}. */
    public AuthentikSession documentSession() {
        return documentSession(config.readConcurrency());
    }

    /** Like {@link #documentSession()}, making up to {@code readConcurrency} independent reads at once. */
    public AuthentikSession documentSession(int readConcurrency) {
        return new AuthentikSession(this, Deadline.in(config.documentDeadline()), readConcurrency);
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
        // the REST client's own timeout ends it first: authentik too slow to answer counts as unreachable
        return TokenUser.of(call("GET users/me", Deadline.in(java.time.Duration.ofNanos(callTimeoutNanos).plusSeconds(1)),
                api::me));
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

    /** How long readiness waits for authentik before it answers from what it last saw. */
    java.time.Duration readinessWait() {
        return config.readinessWait();
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

    /**
     * Runs one idempotent read, retried on transient failures (authentik restarting, a 502 from its proxy) while
     * {@code deadline} leaves time for another attempt; writes are never retried.
     */
    <T> T read(String what, Deadline deadline, Supplier<T> call) {
        long delay = config.readRetryDelay().toMillis();
        for (int attempt = 0; ; attempt++) {
            try {
                return call(what, deadline, call);
            } catch (AuthentikException.Unavailable e) {
                long pause = delay + java.util.concurrent.ThreadLocalRandom.current().nextLong(Math.max(1, delay / 2));
                if (attempt >= config.readRetries()
                        || deadline.remainingNanos() <= java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(pause)) {
                    throw e;
                }
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * Runs one HTTP call within {@code deadline}: at most what remains of it (a call that would outlast it is waited
     * for only that long and answers {@link AuthentikException.DeadlineExceeded}), transport failures (refused, reset,
     * timed out) as {@code Unavailable}.
     */
    <T> T call(String what, Deadline deadline, Supplier<T> call) {
        deadline.check();
        long remaining = deadline.remainingNanos();
        if (remaining > callTimeoutNanos) {
            return call(what, call);
        }
        // the REST client's own timeout would outlast the deadline: wait only what remains. The call is left to end
        // by that timeout rather than interrupted (interrupting the REST client's wait held up other requests by a
        // second in tests); it is a read the engine re-does, or a write whose answer a re-run reconciles
        java.util.concurrent.FutureTask<T> task = new java.util.concurrent.FutureTask<>(() -> call(what, call));
        Thread.ofVirtual().name("authentik " + what).start(task);
        try {
            return task.get(remaining, java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.debugf("authentik call %s cut at the deadline", what);
            throw deadline.exceeded();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthentikException.Unavailable("interrupted while calling authentik", e);
        }
    }

    /** Runs one HTTP call, turning transport failures (refused, reset, timed out) into {@code Unavailable}. */
    private static <T> T call(String what, Supplier<T> call) {
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
