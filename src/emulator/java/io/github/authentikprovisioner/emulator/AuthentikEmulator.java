package io.github.authentikprovisioner.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.profile.IfBuildProfile;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * An in-memory, stateful stand-in for authentik 2026.2.2's API, served at {@code /emulator/api/v3/} by this very
 * application in dev mode and tests. Seeded from the upstream blueprints like a fresh install; every request and
 * answer is checked against the upstream OpenAPI schema and violations are collected so tests fail on them.
 *
 * <p>Never part of the production build: its sources are compiled only outside the native profile, and its beans
 * exist only in the dev and test build profiles.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = { "dev", "test" })
public class AuthentikEmulator {

    public static final String BASE_PATH = "/emulator";
    private static final String API_PREFIX = BASE_PATH + "/api/v3";
    /** The embedded outpost's Traefik endpoint, answered on any host as the authentik server answers it. */
    private static final String FORWARD_AUTH = BASE_PATH + "/outpost.goauthentik.io/auth/traefik";
    /** Identifier of the token system/bootstrap.yaml creates for akadmin from AUTHENTIK_BOOTSTRAP_TOKEN. */
    public static final String BOOTSTRAP_TOKEN = "authentik-bootstrap-token";
    private static final Logger LOG = Logger.getLogger(AuthentikEmulator.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmulatorConfig config;
    private final ReentrantLock lock = new ReentrantLock();
    private final CallLog calls = new CallLog();
    private final Faults faults = new Faults();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final Store store = new Store(new Catalog());
    private final SchemaCheck schema;
    private final RuleContext rules;
    private final Writes writes;
    private final Dispatcher dispatcher;
    private final EmulatedOutposts outposts;
    private volatile boolean validating = true;
    /** Bumped by every reset: a slow call that began before it is not logged as one of the next test's calls. */
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    AuthentikEmulator(EmulatorConfig config) {
        this.config = config;
        this.schema = new SchemaCheck(config.sharedDir().resolve("schema.yml"));
        this.outposts = new EmulatedOutposts(store, lock, config.outpostRefreshDelay());
        this.rules = new RuleContext(store, new Renderer(store, schema.schemaProperties()), outposts,
                this::violation);
        this.writes = new Writes(rules, schema);
        this.dispatcher = new Dispatcher(rules, writes, schema, this::violation);
        reset();
    }

    void routes(@Observes Router router) {
        router.route(API_PREFIX + "/*").handler(BodyHandler.create());
        router.route(API_PREFIX + "/*").blockingHandler(this::serve, false);
        router.route(FORWARD_AUTH).blockingHandler(this::forwardAuth, false);
        LOG.infof("authentik emulator serving %s/ (bootstrap token: see emulator.token)", API_PREFIX);
    }

    /**
     * Back to a fresh install: objects reseeded (the bootstrap token with the configured key among them), calls,
     * faults and violations cleared.
     */
    public void reset() {
        lock.lock();
        try {
            store.clear();
            seed();
            calls.clear();
            faults.clear();
            violations.clear();
            validating = true;
            outposts.reset();
            generation.incrementAndGet();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Applies the default blueprints again over the current state, as authentik does when their hash changed (on
     * an upgrade: the worker's blueprint discovery at start and hourly, authentik/blueprints/v1/tasks.py): entries are
     * {@code state: present} by default, so the attributes they list are written back over ours, and an entry whose
     * identifiers (a flow-stage binding's order among them) match nothing is created again.
     */
    public void reapplyBlueprints() {
        lock.lock();
        try {
            outposts.catchUp();
            new Blueprints(writes, store, bootstrapEnvironment()).apply(config.sharedDir().resolve("blueprints"));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves authentik's clock forward, running its cleanup of expired invitations at every 5-minute tick passed
     * (authentik/core/tasks.py), so a test decides when expired objects disappear.
     */
    public void advanceClock(Duration by) {
        lock.lock();
        try {
            Instant target = store.now.plus(by);
            Duration tick = Duration.ofMinutes(5);
            while (!store.now.plus(tick).isAfter(target)) {
                store.now = store.now.plus(tick);
                InvitationRules.deleteExpired(rules);
            }
            store.now = target;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Every stored object by collection path (and the settings under {@code admin/settings}), as stored: for tests
     * that compare a whole resulting state with another one.
     */
    public ObjectNode state() {
        lock.lock();
        try {
            ObjectNode out = JSON.createObjectNode();
            for (Collection c : store.catalog.all()) {
                var objects = out.putArray(c.path);
                store.all(c).forEach(o -> objects.add(o.deepCopy()));
            }
            if (store.settings != null) {
                out.set("admin/settings", store.settings.deepCopy());
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    public CallLog calls() {
        return calls;
    }

    public Faults faults() {
        return faults;
    }

    /** The outposts' connected instances and the embedded outpost's forward-auth endpoint. */
    public EmulatedOutposts outposts() {
        return outposts;
    }

    /** Schema violations and unimplemented calls seen since the last reset; tests fail when this is not empty. */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    /**
     * Whether calls and answers are checked against authentik's schema (on after every reset): off only where the
     * checks' own CPU time would be measured as authentik's, in the benchmark.
     */
    public void validating(boolean on) {
        this.validating = on;
    }

    /**
     * Gives the bootstrap token ({@code authentik-bootstrap-token}, akadmin's) the key {@code token}, as an admin
     * would with {@code set_key}: authentik then refuses the key the service held when that was the bootstrap key.
     */
    public void acceptToken(String token) {
        lock.lock();
        try {
            Collection tokens = store.catalog.byPath("core/tokens").orElseThrow();
            ObjectNode bootstrap = store.all(tokens)
                    .filter(t -> BOOTSTRAP_TOKEN.equals(t.path("identifier").asText())).findFirst()
                    .orElseGet(() -> {
                        rules.caller(null);
                        return writes.create(tokens, JSON.createObjectNode().put("identifier", BOOTSTRAP_TOKEN)
                                .put("intent", "api").put("expiring", false).set("user", akadmin().get("pk")));
                    });
            bootstrap.put("key", token);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether {@code username} has the password {@code password}, as its last {@code set_password} set it: for tests
     * that check a password was (or was not) changed. False for unknown users and unusable passwords. Compared as
     * the login's password stage compares, untrimmed ({@code CharField(trim_whitespace=False)},
     * authentik/stages/password/stage.py): whether the user can log in with exactly this.
     */
    public boolean passwordIs(String username, String password) {
        lock.lock();
        try {
            return store.all(store.catalog.byPath("core/users").orElseThrow())
                    .filter(u -> username.equals(u.path("username").asText())).findFirst()
                    .map(u -> PasswordHash.matches(u.path("password").asText(null), password)).orElse(false);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Answers a call as if it came over HTTP from akadmin, whatever its token's key and whether it is active,
     * bypassing faults and the call log: for tests that arrange state "by hand" in authentik, and for reading state
     * back.
     */
    public Reply direct(String method, String path, JsonNode body) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        int q = path.indexOf('?');
        if (q >= 0) {
            for (String pair : path.substring(q + 1).split("&")) {
                String[] kv = pair.split("=", 2);
                query.computeIfAbsent(decode(kv[0]), k -> new ArrayList<>()).add(kv.length > 1 ? decode(kv[1]) : "");
            }
            path = path.substring(0, q);
        }
        return process(method, path, query, null, body == null ? null : body.toString(), false, true);
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** Reads one object or list by API path (below {@code /api/v3}), e.g. {@code /outposts/instances/}. */
    public JsonNode get(String path) {
        Reply r = direct("GET", path, null);
        if (r.status() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + r.status() + " " + r.body());
        }
        return r.body();
    }

    /** The results of a list path, all pages. */
    public List<JsonNode> list(String path) {
        List<JsonNode> out = new ArrayList<>();
        String sep = path.contains("?") ? "&" : "?";
        get(path + sep + "page_size=100").get("results").forEach(out::add);
        return out;
    }

    /** Creates an object by API path with authentik's validation, as an administrator would in the UI. */
    public JsonNode create(String path, JsonNode body) {
        Reply r = direct("POST", path, body);
        if (r.status() != 201) {
            throw new IllegalStateException("POST " + path + " answered " + r.status() + " " + r.body());
        }
        return r.body();
    }

    /** Changes an object by API path, as an administrator would in the UI. */
    public JsonNode patch(String path, JsonNode body) {
        Reply r = direct("PATCH", path, body);
        if (r.status() != 200) {
            throw new IllegalStateException("PATCH " + path + " answered " + r.status() + " " + r.body());
        }
        return r.body();
    }

    private void serve(RoutingContext rc) {
        long begun = generation.get();
        if (faults.isDown()) {
            rc.request().connection().close();
            return;
        }
        if (!faults.latency().isZero()) {
            try {
                Thread.sleep(faults.latency());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String path = rc.request().path().substring(API_PREFIX.length());
        Map<String, List<String>> query = new LinkedHashMap<>();
        rc.queryParams().forEach(e -> query.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        String method = rc.request().method().name();
        Reply reply = answer(rc, method, path, query);
        if (generation.get() == begun) {
            calls.add(new CallLog.Call(method, path, rc.request().query() == null ? "" : rc.request().query(),
                    reply.status()));
        }
        rc.response().setStatusCode(reply.status());
        if (reply.body() == null) {
            rc.response().end();
        } else {
            rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(reply.body().toString());
        }
    }

    /** An injected fault, a 415 for a body that is not JSON, or the answer to the call. */
    private Reply answer(RoutingContext rc, String method, String path, Map<String, List<String>> query) {
        String body = rc.body() == null ? null : rc.body().asString();
        Optional<Integer> injected = faults.errorFor(method, path);
        if (injected.isPresent()) {
            return new Reply(injected.get(), JSON.createObjectNode().put("detail", "injected fault"));
        }
        String contentType = rc.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (body != null && !body.isEmpty() && (contentType == null || !contentType.startsWith("application/json"))) {
            return new Reply(415, JSON.createObjectNode().put("detail",
                    "Unsupported media type \"" + contentType + "\" in request."));
        }
        return process(method, path, query, rc.request().getHeader(HttpHeaders.AUTHORIZATION), body, validating,
                false);
    }

    /**
     * The embedded outpost's forward-auth endpoint: not an API call, so neither logged nor schema-checked. It runs
     * inside the authentik server, so it is down whenever the API is.
     */
    private void forwardAuth(RoutingContext rc) {
        if (faults.isDown() || outposts.isForwardAuthDown()) {
            rc.request().connection().close();
            return;
        }
        ForwardAuth.Answer answer = outposts.forwardAuth(rc.request().method().name(), rc.request()::getHeader);
        rc.response().setStatusCode(answer.status());
        answer.headers().forEach(rc.response()::putHeader);
        rc.response().end(answer.body());
    }

    private Reply process(String method, String path, Map<String, List<String>> query, String authorization,
            String body, boolean validate, boolean asAkadmin) {
        Caller caller;
        lock.lock();
        try {
            caller = asAkadmin ? new Caller(akadmin(), null) : authenticate(authorization);
        } finally {
            lock.unlock();
        }
        if (caller.refusal() != null) {
            return new Reply(403, JSON.createObjectNode().put("detail", caller.refusal()));
        }
        if (asAkadmin) {
            authorization = "Bearer direct";
        }
        String apiPath = "/api/v3" + path;
        if (validate) {
            Optional<Reply> refused = checkRequest(method, path, query, authorization, body);
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        JsonNode json;
        try {
            json = body == null || body.isEmpty() ? null : JSON.readTree(body);
        } catch (Exception e) {
            return new Reply(400, JSON.createObjectNode().put("detail", "JSON parse error - " + e.getMessage()));
        }
        Reply reply = dispatch(caller, method, path, query, json);
        if (validate && reply.status() < 500) {
            schema.response(method, apiPath, reply.status(), reply.body() == null ? null : reply.body().toString())
                    .forEach(e -> violation("response to " + method + " " + path + " (" + reply.status() + "): " + e));
        }
        return reply;
    }

    /**
     * The request checked against the schema: every finding is a violation, and all but unknown query parameters
     * (which authentik ignores) refuse the call with a 400.
     */
    private Optional<Reply> checkRequest(String method, String path, Map<String, List<String>> query,
            String authorization, String body) {
        List<String> all = schema.request(method, "/api/v3" + path, query, authorization, body);
        all.forEach(e -> violation("request " + method + " " + path + ": " + e));
        // authentik ignores query parameters it does not know (recorded above, so tests still fail on them)
        List<String> errors = all.stream().filter(e -> !e.startsWith("validation.request.parameter.query.unexpected"))
                .toList();
        if (errors.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode err = JSON.createObjectNode();
        errors.forEach(e -> err.withArray("non_field_errors").add("schema: " + e));
        return Optional.of(new Reply(400, err));
    }

    /** The call handled under the lock as {@code caller}; an emulator failure is a violation and a 500. */
    private Reply dispatch(Caller caller, String method, String path, Map<String, List<String>> query,
            JsonNode json) {
        Reply answer;
        lock.lock();
        try {
            outposts.catchUp(); // refreshes that fell due before this call ran against the store as it was
            rules.caller(caller.user());
            answer = dispatcher.handle(method, path.startsWith("/") ? path.substring(1) : path, query, json);
        } catch (ApiError e) {
            answer = new Reply(e.status, e.body);
        } catch (RuntimeException e) {
            LOG.error("emulator failed on " + method + " " + path, e);
            violation("emulator bug on " + method + " " + path + ": " + e);
            answer = new Reply(500, JSON.createObjectNode().put("detail", "emulator error"));
        } finally {
            rules.caller(null);
            lock.unlock();
        }
        return answer;
    }

    /** Who a call is made as: the token's user, or why authentik refuses it. */
    private record Caller(ObjectNode user, String refusal) {
    }

    /**
     * authentik's TokenAuthentication (authentik/api/authentication.py, 2026.2.2): a header that is not
     * {@code Bearer <credentials>} authenticates nobody, and the API refuses the request as not authenticated; the
     * credentials are looked up as the key of a token with intent {@code api} that has not expired
     * ({@code Token.filter_not_expired} deletes the expiring ones past their expiry on the way); no such token, or
     * one whose user is inactive ({@code bearer_auth}: {@code if not user.is_active}), is refused with
     * "Token invalid/expired". Both refusals are 403: the class has no {@code authenticate_header}, so DRF sends no
     * WWW-Authenticate and turns 401 into 403 (rest_framework/views.py {@code handle_exception}). OAuth2 JWTs and the
     * secret key of the embedded outpost are not emulated. Called under the lock.
     */
    private Caller authenticate(String authorization) {
        String header = authorization == null ? "" : authorization.strip();
        int space = header.indexOf(' ');
        if (space < 0 || !header.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            return new Caller(null, "Authentication credentials were not provided.");
        }
        byte[] key = header.substring(space + 1).getBytes(StandardCharsets.UTF_8);
        Collection tokens = store.catalog.byPath("core/tokens").orElseThrow();
        List<ObjectNode> apiTokens = store.all(tokens).filter(t -> "api".equals(t.path("intent").asText()))
                .filter(t -> MessageDigest.isEqual(key, t.path("key").asText().getBytes(StandardCharsets.UTF_8)))
                .toList();
        apiTokens.stream().filter(this::expired).forEach(t -> writes.delete(tokens, t));
        Optional<ObjectNode> user = apiTokens.stream().filter(t -> !expired(t)).findFirst()
                .flatMap(t -> store.inPool(Catalog.USER, t.path("user").asText())).map(Store.Located::object);
        if (user.isEmpty() || !user.get().path("is_active").asBoolean(true)) {
            return new Caller(null, "Token invalid/expired");
        }
        return new Caller(user.get(), null);
    }

    /** ExpiringModel: expiring and past {@code expires} (authentik/core/models.py). */
    private boolean expired(ObjectNode token) {
        return token.path("expiring").asBoolean(true) && !token.path("expires").isNull()
                && Instant.parse(token.get("expires").asText()).isBefore(store.now);
    }

    private ObjectNode akadmin() {
        return store.all(store.catalog.byPath("core/users").orElseThrow())
                .filter(u -> "akadmin".equals(u.path("username").asText())).findFirst().orElseThrow();
    }

    /**
     * What the emulator's authentik was installed with: {@code AUTHENTIK_BOOTSTRAP_TOKEN} = {@code emulator.token},
     * so system/bootstrap.yaml creates akadmin's token {@code authentik-bootstrap-token} with that key.
     */
    private Map<String, String> bootstrapEnvironment() {
        return Map.of("AUTHENTIK_BOOTSTRAP_TOKEN", config.token());
    }

    private void violation(String message) {
        LOG.error("authentik emulator: " + message);
        violations.add(message);
    }

    private void seed() {
        rules.caller(null);
        int objects = new Blueprints(writes, store, bootstrapEnvironment())
                .apply(config.sharedDir().resolve("blueprints"));
        // objects authentik creates in code rather than from blueprints
        writes.create(rules.collection("outposts/instances"), OutpostRules.embeddedOutpost());
        Collection certs = rules.collection("crypto/certificatekeypairs");
        CertificateRules.createdAtStart().forEach(body -> writes.create(certs, body));
        store.settings = SystemSettings.defaults();
        LOG.debugf("authentik emulator seeded with %d blueprint objects", objects);
    }
}
