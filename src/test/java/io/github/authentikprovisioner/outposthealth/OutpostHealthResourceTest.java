package io.github.authentikprovisioner.outposthealth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.ApiTestSupport;
import io.github.authentikprovisioner.emulator.CallLog;
import io.github.authentikprovisioner.emulator.EmulatedOutposts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The outpost check end to end against the emulator's embedded outpost: what it reads, what it probes, what it heals,
 * and what it reports over HTTP, in the health group and in the metrics.
 */
@QuarkusTest
class OutpostHealthResourceTest extends ApiTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EMBEDDED = "authentik Embedded Outpost";
    private static final String FORWARD_AUTH = """
            {"cookieDomain": "example.com"}""";

    @Inject
    OutpostHealthService service;
    @Inject
    io.github.authentikprovisioner.authentik.Authentik authentik;

    @BeforeEach
    void freshService() {
        service.startOver();
    }

    @Test
    void forwardAuthAndTwoServarrAppsAreServedAndHealthyInOneListPerKindAndOneHealthRead() {
        api().body(FORWARD_AUTH).put("/forward-auth").then().statusCode(201);
        for (String slug : List.of("sonarr", "radarr")) {
            api().body(servarrApp(slug, "pw-" + slug)).post("/apps/servarr").then().statusCode(201);
        }
        emulator.calls().clear();

        JsonPath report = check();
        assertThat(report.getString("status")).isEqualTo("healthy");
        assertThat(report.getList("hosts.host")).containsExactlyInAnyOrder("auth.example.com", "sonarr.example.com",
                "radarr.example.com");
        assertThat(report.getList("hosts.state")).containsOnly("served");
        assertThat(report.getList("hosts.probe.status")).containsOnly(302);
        assertThat(report.getList("hosts.probe.redirectHost")).containsOnly("auth.example.com");
        assertThat(report.getList("findings")).isEmpty();
        assertThat(report.getString("hosts.find { it.host == 'sonarr.example.com' }.unauthenticatedPaths[0].sample"))
                .isEqualTo("/api/");
        assertThat(report.getBoolean("hosts.find { it.host == 'sonarr.example.com' }.unauthenticatedPaths[0].passed"))
                .isTrue();
        assertThat(report.getString("outposts[0].name")).isEqualTo(EMBEDDED);
        assertThat(report.getString("outposts[0].connection")).isEqualTo("connected");
        assertThat(report.getBoolean("outposts[0].authentikHost.ok")).isTrue();
        assertThat(report.getInt("probes")).isEqualTo(5);

        // one list per kind: the served side, and the gates' groups, users and bindings (closed apps)
        assertThat(report.getInt("authentikCalls.reads")).isEqualTo(7);
        assertThat(report.getInt("authentikCalls.writes")).isZero();
        assertThat(emulator.calls().all()).extracting(CallLog.Call::path).containsExactlyInAnyOrder(
                "/outposts/instances/", "/providers/proxy/", "/core/applications/", "/core/groups/", "/core/users/",
                "/policies/bindings/", "/outposts/instances/" + embeddedPk() + "/health/");

        api().get("/outposts/health").then().statusCode(200).body("status", equalTo("healthy"));
        given().get("/q/health/group/outposts").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void aManagedProviderRemovedByHandIsNotServedThenPutBackAndServed() {
        api().body(servarrApp("sonarr", "pw")).post("/apps/servarr").then().statusCode(201);
        setOutpostProviders(List.of());
        emulator.calls().clear();

        JsonPath first = check();
        assertThat(host(first, "sonarr.example.com", "state")).isEqualTo("not-served");
        assertThat(host(first, "sonarr.example.com", "healedAt")).isNotNull();
        assertThat(first.getString("status")).isEqualTo("unhealthy");
        assertThat(emulator.calls().writeCalls()).extracting(CallLog.Call::path)
                .containsExactly("/outposts/instances/" + embeddedPk() + "/");
        assertThat(outpostProviders()).containsExactly(providerPk("Sonarr Provider"));
        given().get("/q/health/group/outposts").then().statusCode(503).body("status", equalTo("DOWN"));

        JsonPath second = check();
        assertThat(host(second, "sonarr.example.com", "state")).isEqualTo("served");
        assertThat(host(second, "sonarr.example.com", "healedAt"))
                .isEqualTo(host(first, "sonarr.example.com", "healedAt"));
        assertThat(second.getString("status")).isEqualTo("healthy");
        assertThat(second.getInt("authentikCalls.writes")).isZero();
        assertThat(metrics()).contains("provisioner_outpost_heals_total{reason=\"provider-missing\"}");
        given().get("/q/health/group/outposts").then().statusCode(200);
    }

    @Test
    void aProviderThisServiceDoesNotManageOnNoOutpostIsUnassignedAndLeftAlone() {
        ObjectNode provider = JSON.createObjectNode().put("name", "Jellyfin").put("mode", "forward_single")
                .put("external_host", "https://jellyfin.example.com")
                .put("authorization_flow", flowPk("default-provider-authorization-implicit-consent"))
                .put("invalidation_flow", flowPk("default-provider-invalidation-flow"));
        JsonNode created = emulator.create("/providers/proxy/", provider);
        emulator.create("/core/applications/", JSON.createObjectNode().put("name", "Jellyfin").put("slug", "jellyfin")
                .put("provider", created.get("pk").asInt()));
        emulator.calls().clear();

        JsonPath report = check();
        assertThat(host(report, "jellyfin.example.com", "state")).isEqualTo("unassigned");
        assertThat(report.getBoolean("hosts.find { it.host == 'jellyfin.example.com' }.managed")).isFalse();
        assertThat(report.getString("status")).isEqualTo("unhealthy");
        assertThat(emulator.calls().writes()).isZero();
        assertThat(outpostProviders()).isEmpty();
    }

    @Test
    void anOutpostNeverSeenStaleOrOutdatedHasItsOwnStateAndTheMetricsSayTheSame() {
        api().body(servarrApp("sonarr", "pw")).post("/apps/servarr").then().statusCode(201);

        emulator.outposts().instances(EMBEDDED, List.of());
        JsonPath never = check();
        assertThat(never.getString("outposts[0].connection")).isEqualTo("never-connected");
        assertThat(never.getString("status")).isEqualTo("unhealthy");
        assertThat(metrics()).contains(
                "provisioner_outpost_instances{outpost=\"authentik Embedded Outpost\",state=\"connected\"} 0.0");

        emulator.outposts().instances(EMBEDDED, List.of(EmulatedOutposts.Instance.live("authentik-server")));
        assertThat(check().getString("outposts[0].connection")).isEqualTo("connected");
        assertThat(metrics()).contains(
                "provisioner_outpost_instances{outpost=\"authentik Embedded Outpost\",state=\"connected\"} 1.0")
                .contains("provisioner_outpost_last_seen_age_seconds{outpost=\"authentik Embedded Outpost\"}");

        emulator.outposts().instances(EMBEDDED, List.of(EmulatedOutposts.Instance.seenAt("authentik-server",
                "2026.2.2", Instant.now().minusSeconds(40))));
        JsonPath stale = check();
        assertThat(stale.getString("outposts[0].connection")).as("gone from authentik's cache, seen by us before")
                .isEqualTo("stale");
        assertThat(stale.getString("outposts[0].lastSeen")).isNotNull();
        assertThat(stale.getString("status")).isEqualTo("unhealthy");

        emulator.outposts().instances(EMBEDDED, List.of(EmulatedOutposts.Instance.seenAt("authentik-server",
                "2025.10.1", null)));
        JsonPath outdated = check();
        assertThat(outdated.getString("outposts[0].connection")).isEqualTo("outdated");
        assertThat(outdated.getString("status")).isEqualTo("degraded");
        assertThat(metrics()).contains(
                "provisioner_outpost_instances{outpost=\"authentik Embedded Outpost\",state=\"outdated\"} 1.0");
    }

    /** authentik/outposts/models.py for_outpost: an expired state is listed once, with last_seen null. */
    @Test
    void anInstanceWhoseStateExpiredIsDisconnectedNotStale() {
        api().body(servarrApp("sonarr", "pw")).post("/apps/servarr").then().statusCode(201);
        emulator.outposts().instances(EMBEDDED, List.of(EmulatedOutposts.Instance.seenAt("authentik-server",
                "2026.2.2", Instant.now().minusSeconds(40))));

        JsonPath report = check();
        assertThat(report.getString("outposts[0].connection")).isEqualTo("disconnected");
        assertThat(report.getString("outposts[0].instances[0].state")).isEqualTo("disconnected");
        assertThat(report.getString("outposts[0].lastSeen")).isNull();
        assertThat(report.getList("findings")).anyMatch(f -> f.toString().contains("is disconnected"));
        assertThat(report.getString("status")).isEqualTo("unhealthy");
    }

    /**
     * cmd/server/server.go, internal/outpost/ak/api.go and api_event.go: a restarted authentik-server's embedded
     * outpost says hello (a new instance) before its first refresh has loaded any provider, and answers 404 until then.
     */
    @Test
    void aHostUnknownToAJustRestartedOutpostIsPropagatingNotNotServed() {
        api().body(servarrApp("sonarr", "pw")).post("/apps/servarr").then().statusCode(201);
        assertThat(host(check(), "sonarr.example.com", "state")).isEqualTo("served");
        authentikWritesForgotten();

        emulator.outposts().refreshDelay(Duration.ofHours(1)).restart();
        JsonPath restarted = check();
        assertThat(host(restarted, "sonarr.example.com", "probe.status")).isEqualTo("404");
        assertThat(host(restarted, "sonarr.example.com", "state")).isEqualTo("propagating");
        assertThat(host(restarted, "sonarr.example.com", "detail")).contains("first refresh");
        assertThat(restarted.getString("status")).isEqualTo("degraded");
        assertThat(restarted.getInt("authentikCalls.writes")).isZero();

        emulator.outposts().refreshNow();
        assertThat(host(check(), "sonarr.example.com", "state")).isEqualTo("served");
    }

    /**
     * internal/outpost/proxyv2/application/oauth_state.go: each unauthenticated request for a served host stores a
     * session row in authentik's PostgreSQL. Scheduled checks ask only about hosts that may have changed.
     */
    @Test
    void scheduledChecksStoreASessionOnlyForHostsThatMayHaveChanged() {
        api().body(FORWARD_AUTH).put("/forward-auth").then().statusCode(201);
        for (String slug : List.of("sonarr", "radarr")) {
            api().body(servarrApp(slug, "pw-" + slug)).post("/apps/servarr").then().statusCode(201);
        }
        long before = emulator.outposts().sessionsStored();
        assertThat(service.checkNow(false).probes()).as("the first check asks about every host").isEqualTo(5);
        assertThat(emulator.outposts().sessionsStored() - before).as("one per host; samples that pass store none")
                .isEqualTo(3);

        for (int i = 0; i < 10; i++) {
            OutpostHealthReport again = service.checkNow(false);
            assertThat(again.probes()).isZero();
            assertThat(again.hosts()).extracting(OutpostHealthReport.Host::state)
                    .containsOnly(HostState.SERVED);
        }
        assertThat(emulator.outposts().sessionsStored() - before).as("3 hosts, 11 scheduled checks").isEqualTo(3);

        emulator.patch("/providers/proxy/" + providerPk("Radarr Provider") + "/", JSON.createObjectNode()
                .put("mode", "forward_single").put("skip_path_regex", "^/api/.*\n^/feed$"));
        OutpostHealthReport changed = service.checkNow(false);
        assertThat(changed.probes()).as("radarr's host and its two samples").isEqualTo(3);
        assertThat(emulator.outposts().sessionsStored() - before).isEqualTo(4);

        assertThat(check().getInt("probes")).as("?refresh=true asks about every host").isEqualTo(6);
    }

    @Test
    void aWrongAuthentikHostIsReportedAndCorrected() {
        api().body(FORWARD_AUTH).put("/forward-auth").then().statusCode(201);
        setAuthentikHost("http://authentik-server:9000");

        JsonPath wrong = check();
        assertThat(wrong.getBoolean("outposts[0].authentikHost.ok")).isFalse();
        assertThat(wrong.getString("outposts[0].authentikHost.actual")).isEqualTo("http://authentik-server:9000");
        assertThat(wrong.getString("status")).isEqualTo("unhealthy");
        assertThat(emulator.get("/outposts/instances/" + embeddedPk() + "/").at("/config/authentik_host").asText())
                .isEqualTo("https://auth.example.com");

        JsonPath right = check();
        assertThat(right.getBoolean("outposts[0].authentikHost.ok")).isTrue();
        assertThat(right.getString("outposts[0].authentikHost.healedAt")).isNotNull();
        assertThat(right.getString("status")).isEqualTo("healthy");
        assertThat(metrics()).contains("provisioner_outpost_heals_total{reason=\"authentik-host\"}");
    }

    @Test
    void anOutpostThatDoesNotAnswerIsOutpostDown() {
        api().body(servarrApp("sonarr", "pw")).post("/apps/servarr").then().statusCode(201);
        emulator.outposts().forwardAuthDown(true);

        JsonPath report = check();
        assertThat(host(report, "sonarr.example.com", "state")).isEqualTo("outpost-down");
        assertThat(report.getString("hosts[0].probe.error")).isNotBlank();
        assertThat(report.getString("status")).isEqualTo("unhealthy");
        assertThat(metrics()).contains("provisioner_protected_hosts{state=\"outpost-down\"} 1.0")
                .contains("provisioner_protected_hosts{state=\"served\"} 0.0");
    }

    @Test
    void aHostTheOutpostHasNotReloadedYetIsPropagatingAndServedOnceItHas() {
        emulator.outposts().refreshDelay(Duration.ofHours(1));
        api().body(servarrApp("sonarr", "pw")).post("/apps/servarr").then().statusCode(201);

        JsonPath waiting = check();
        assertThat(host(waiting, "sonarr.example.com", "state")).isEqualTo("propagating");
        assertThat(waiting.getString("status")).isEqualTo("degraded");
        assertThat(waiting.getInt("authentikCalls.writes")).isZero();

        emulator.outposts().refreshNow();
        assertThat(host(check(), "sonarr.example.com", "state")).isEqualTo("served");
    }

    @Test
    void aSkipPathLineTheOutpostCannotCompileIsReported() {
        api().body(servarrApp("sonarr", "pw")).post("/apps/servarr").then().statusCode(201);
        emulator.patch("/providers/proxy/" + providerPk("Sonarr Provider") + "/", JSON.createObjectNode()
                .put("mode", "forward_single").put("skip_path_regex", "^/api/.*\n^/feed/(?!private).*"));
        emulator.outposts().refreshNow();

        JsonPath report = check();
        assertThat(report.getList("hosts[0].unauthenticatedPaths.pattern")).containsExactly("^/api/.*",
                "^/feed/(?!private).*");
        assertThat(report.getBoolean("hosts[0].unauthenticatedPaths[0].passed")).isTrue();
        assertThat(report.getString("hosts[0].unauthenticatedPaths[1].problem")).contains("the outpost skips this line");
        assertThat(report.getString("status")).isEqualTo("degraded");
    }

    @Test
    void fiftyProtectedHostsCostOneListPerKindAndOneHealthRead() {
        List<String> pks = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            JsonNode p = emulator.create("/providers/proxy/", JSON.createObjectNode().put("name", "App " + i)
                    .put("mode", "forward_single").put("external_host", "https://app" + i + ".example.com")
                    .put("skip_path_regex", "^/api/.*")
                    .put("authorization_flow", flowPk("default-provider-authorization-implicit-consent"))
                    .put("invalidation_flow", flowPk("default-provider-invalidation-flow")));
            emulator.create("/core/applications/", JSON.createObjectNode().put("name", "App " + i)
                    .put("slug", "app" + i).put("provider", p.get("pk").asInt()).put("meta_publisher",
                            "authentik-provisioner"));
            pks.add(p.get("pk").asText());
        }
        setOutpostProviders(pks);
        setAuthentikHost("https://auth.example.com");
        emulator.outposts().refreshNow();
        emulator.calls().clear();

        JsonPath report = check();
        assertThat(report.getList("hosts.state")).hasSize(50).containsOnly("served");
        assertThat(report.getInt("probes")).isEqualTo(100);
        assertThat(report.getInt("authentikCalls.reads")).isEqualTo(7);
        assertThat(emulator.calls().reads()).isEqualTo(7);
    }

    @Test
    void twentyServarrPostsWhileChecksRunLoseNoProviderAndWriteNothingTwice() throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        List<Throwable> checkFailures = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread checks = Thread.ofVirtual().start(() -> {
            while (!done.get()) {
                try {
                    service.checkNow();
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    checkFailures.add(e);
                }
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Callable<Integer>> posts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String body = servarrApp("app" + i, "secret-" + i);
            posts.add(() -> api().body(body).post("/apps/servarr").statusCode());
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(posts)) {
            statuses.add(f.get());
        }
        pool.shutdown();
        done.set(true);
        checks.join();

        assertThat(statuses).containsOnly(201);
        assertThat(checkFailures).isEmpty();
        List<String> providers = emulator.list("/providers/proxy/").stream().map(p -> p.get("pk").asText()).toList();
        assertThat(outpostProviders()).hasSize(20).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(providers);
        assertThat(emulator.calls().count("POST", "/providers/proxy/")).isEqualTo(20);
        assertThat(emulator.calls().count("POST", "/core/applications/")).isEqualTo(20);
        assertThat(emulator.calls().count("PATCH", "/outposts/instances/"))
                .as("each provider added once, by its recipe or by a heal that came first: "
                        + emulator.calls().writeCalls()).isLessThanOrEqualTo(20);
        assertThat(check().getList("hosts.state")).hasSize(20).containsOnly("served");
    }

    /** As after an hour: this process's own writes no longer count as recent changes. */
    private void authentikWritesForgotten() {
        authentik.recentWrites().clear();
    }

    private JsonPath check() {
        return api().get("/outposts/health?refresh=true").then().statusCode(200).extract().jsonPath();
    }

    private static String host(JsonPath report, String host, String field) {
        Object value = report.get("hosts.find { it.host == '" + host + "' }." + field);
        return value == null ? null : value.toString();
    }

    private String metrics() {
        return api().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private String embeddedPk() {
        return emulator.list("/outposts/instances/?managed__iexact=goauthentik.io/outposts/embedded").getFirst()
                .get("pk").asText();
    }

    private List<String> outpostProviders() {
        List<String> out = new ArrayList<>();
        emulator.get("/outposts/instances/" + embeddedPk() + "/").get("providers").forEach(p -> out.add(p.asText()));
        return out;
    }

    private void setOutpostProviders(List<String> pks) {
        ObjectNode body = JSON.createObjectNode();
        pks.forEach(pk -> body.withArray("providers").add(Integer.parseInt(pk)));
        body.withArray("providers");
        emulator.patch("/outposts/instances/" + embeddedPk() + "/", body);
    }

    private void setAuthentikHost(String host) {
        ObjectNode config = (ObjectNode) emulator.get("/outposts/instances/" + embeddedPk() + "/").get("config");
        emulator.patch("/outposts/instances/" + embeddedPk() + "/", JSON.createObjectNode().set("config",
                config.put("authentik_host", host)));
    }

    private String providerPk(String name) {
        return emulator.list("/providers/proxy/?name__iexact=" + name.replace(" ", "%20")).getFirst().get("pk")
                .asText();
    }

    private String flowPk(String slug) {
        return emulator.get("/flows/instances/" + slug + "/").get("pk").asText();
    }
}
