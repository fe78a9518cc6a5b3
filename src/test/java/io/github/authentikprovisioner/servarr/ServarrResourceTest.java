package io.github.authentikprovisioner.servarr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.authentikprovisioner.ApiTestSupport;
import io.github.authentikprovisioner.LogCapture;
import io.github.authentikprovisioner.emulator.CallLog;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class ServarrResourceTest extends ApiTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();


    @Test
    void threeAppsFromAFreshInstallThenASecondRoundWritesNothing() {
        for (String slug : List.of("prowlarr", "sonarr", "radarr")) {
            api().body(servarrApp(slug, "pw-" + slug)).post("/apps/servarr").then().statusCode(201)
                    .body("status", equalTo("created"))
                    .body("app.assigned", equalTo(true))
                    .body("traefik.labels.'traefik.http.routers.%s.middlewares'".formatted(slug),
                            equalTo("authentik-http@http"));
        }
        JsonNode group = servarrGroup();
        assertThat(group.get("attributes").size()).isEqualTo(6);
        assertThat(group.get("attributes").get("sonarr_password").asText()).isEqualTo("pw-sonarr");
        List<JsonNode> providers = emulator.list("/providers/proxy/");
        assertThat(providers).hasSize(3).allSatisfy(p -> {
            assertThat(p.get("basic_auth_enabled").asBoolean()).isTrue();
            assertThat(p.get("mode").asText()).isEqualTo("forward_single");
            assertThat(p.get("intercept_header_auth").asBoolean()).isTrue();
            assertThat(p.get("skip_path_regex").asText()).isEqualTo("^/api/.*");
        });
        assertThat(emulator.list("/core/applications/?superuser_full_list=true")).hasSize(3);
        assertThat(outpostProviders()).containsExactlyInAnyOrderElementsOf(
                providers.stream().map(p -> p.get("pk").asText()).toList());

        emulator.calls().clear();
        for (String slug : List.of("prowlarr", "sonarr", "radarr")) {
            api().body(servarrApp(slug, "pw-" + slug)).post("/apps/servarr").then().statusCode(200)
                    .body("status", equalTo("unchanged")).body("authentikCalls.writes", equalTo(0));
        }
        assertThat(emulator.calls().writes()).isZero();
    }

    /**
     * authentik/core/signals.py: an application's save sends outposts no update (authentik/outposts/signals.py
     * handles outposts and providers only), so an application created again for a provider already on the embedded
     * outpost stays unserved until the outpost's next refresh, 5 minutes later, unless the outpost is saved.
     */
    @Test
    void anApplicationDeletedByHandAndMadeAgainMakesTheOutpostReload() {
        api().body(servarrApp("sonarr", "pw")).post("/apps/servarr").then().statusCode(201);
        assertThat(hostState("sonarr.example.com")).isEqualTo("served");
        emulator.direct("DELETE", "/core/applications/sonarr/", null);
        emulator.outposts().refreshNow(); // its interval refresh since: sonarr is not served any more
        assertThat(hostState("sonarr.example.com")).isNotEqualTo("served");

        emulator.calls().clear();
        api().body(servarrApp("sonarr", "pw")).post("/apps/servarr").then().statusCode(201)
                .body("status", equalTo("created"))
                .body("changes.findAll { it.action != 'none' }.collect { it.action + ' ' + it.kind + ' ' + it.fields }",
                        equalTo(List.of("create application [name, provider, meta_launch_url, meta_publisher]",
                                "update outpost [refresh]")));
        List<CallLog.Call> writes = emulator.calls().writeCalls();
        assertThat(writes).extracting(c -> c.method() + " " + c.path().replaceAll("/[0-9a-f-]{36}/$", "/{pk}/"))
                .containsExactly("POST /core/applications/", "PATCH /outposts/instances/{pk}/");
        assertThat(hostState("sonarr.example.com")).as("the outpost reloaded on its save").isEqualTo("served");

        emulator.calls().clear();
        api().body(servarrApp("sonarr", "pw")).post("/apps/servarr").then().statusCode(200)
                .body("status", equalTo("unchanged"));
        assertThat(emulator.calls().writes()).isZero();
    }

    /** The state the outpost check finds for {@code host}, checking now. */
    private String hostState(String host) {
        return api().queryParam("refresh", true).get("/outposts/health").jsonPath()
                .getString("hosts.find { it.host == '" + host + "' }.state");
    }

    @Test
    void changingOnePasswordPatchesOnlyTheGroupAttributes() {
        for (String slug : List.of("prowlarr", "sonarr")) {
            api().body(servarrApp(slug, "old")).post("/apps/servarr").then().statusCode(201);
        }
        emulator.calls().clear();
        api().body(servarrApp("sonarr", "new")).post("/apps/servarr").then().statusCode(200)
                .body("status", equalTo("updated"))
                .body("changes.findAll { it.action != 'none' }.kind", equalTo(List.of("group")))
                .body("changes.find { it.kind == 'group' }.fields", equalTo(List.of("attributes")));
        List<CallLog.Call> writes = emulator.calls().writeCalls();
        assertThat(writes).hasSize(1);
        assertThat(writes.getFirst().method()).isEqualTo("PATCH");
        assertThat(writes.getFirst().path()).startsWith("/core/groups/");
        JsonNode attributes = servarrGroup().get("attributes");
        assertThat(attributes.get("sonarr_password").asText()).isEqualTo("new");
        assertThat(attributes.get("prowlarr_password").asText()).isEqualTo("old");
        assertThat(attributes.get("prowlarr_user").asText()).isEqualTo("admin");
    }

    @Test
    void otherGroupAttributesAndMembersAreKept() {
        JsonNode alice = emulator.create("/core/users/", JSON.createObjectNode().put("username", "alice")
                .put("name", "Alice"));
        JsonNode bob = emulator.create("/core/users/", JSON.createObjectNode().put("username", "bob").put("name", "Bob"));
        var group = JSON.createObjectNode().put("name", "Servarr Users");
        group.putObject("attributes").put("theme", "dark");
        group.putArray("users").add(bob.get("pk").asInt());
        emulator.create("/core/groups/", group);

        String body = servarrApp("lidarr", "pw").replace("}", ", \"members\": [\"alice\"]}");
        api().body(body).post("/apps/servarr").then().statusCode(201);
        JsonNode after = servarrGroup();
        assertThat(after.get("attributes").get("theme").asText()).isEqualTo("dark");
        assertThat(after.get("attributes").has("lidarr_user")).isTrue();
        assertThat(after.get("users").toString()).contains(alice.get("pk").asText()).contains(bob.get("pk").asText());

        api().body(servarrApp("readarr", "pw").replace("}", ", \"members\": [\"nobody\"]}")).post("/apps/servarr")
                .then().statusCode(409).body("detail", containsString("nobody"));
    }

    @Test
    void thirtyConcurrentAppsAllEndUpAssignedWithoutDuplicates() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(30);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String body = servarrApp("app" + i, "secret-" + i);
            calls.add(() -> api().body(body).post("/apps/servarr").statusCode());
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(calls)) {
            statuses.add(f.get());
        }
        pool.shutdown();
        assertThat(statuses).containsOnly(201);
        List<JsonNode> providers = emulator.list("/providers/proxy/");
        assertThat(providers).hasSize(30);
        assertThat(emulator.list("/core/applications/?superuser_full_list=true")).hasSize(30);
        assertThat(emulator.list("/core/groups/?name=Servarr%20Users")).hasSize(1);
        assertThat(servarrGroup().get("attributes").size()).isEqualTo(60);
        assertThat(outpostProviders()).hasSize(30).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(providers.stream().map(p -> p.get("pk").asText()).toList());
    }

    @Test
    void deleteRemovesOnlyThatAppAndLeavesTheRestIntact() {
        for (String slug : List.of("prowlarr", "sonarr", "radarr")) {
            api().body(servarrApp(slug, "pw")).post("/apps/servarr").then().statusCode(201);
        }
        api().body("{\"cookieDomain\": \"example.com\"}").put("/forward-auth").then().statusCode(201);
        api().delete("/apps/servarr/sonarr").then().statusCode(200)
                .body("status", equalTo("deleted"))
                .body("changes.find { it.kind == 'application' }.action", equalTo("delete"))
                .body("changes.find { it.kind == 'proxy-provider' }.action", equalTo("delete"));

        assertThat(emulator.list("/providers/proxy/").stream().map(p -> p.get("name").asText()))
                .containsExactlyInAnyOrder("Prowlarr Provider", "Radarr Provider", "Traefik Provider");
        JsonNode attributes = servarrGroup().get("attributes");
        assertThat(attributes.has("sonarr_user")).isFalse();
        assertThat(attributes.has("sonarr_password")).isFalse();
        assertThat(attributes.size()).isEqualTo(4);
        assertThat(outpostProviders()).hasSize(3);
        api().get("/apps/servarr").then().statusCode(200).body("slug", equalTo(List.of("prowlarr", "radarr")));
        api().delete("/apps/servarr/sonarr").then().statusCode(404);
    }

    @Test
    void deleteOfAnAppMadeByHandIsAConflictAndDeletesNothing() {
        var provider = emulator.list("/flows/instances/?slug=default-provider-authorization-implicit-consent");
        var invalidation = emulator.get("/flows/instances/default-provider-invalidation-flow/");
        JsonNode created = emulator.create("/providers/proxy/", JSON.createObjectNode().put("name", "Hand Provider")
                .put("mode", "forward_single").put("external_host", "https://hand.example.com")
                .put("authorization_flow", provider.getFirst().get("pk").asText())
                .put("invalidation_flow", invalidation.get("pk").asText()));
        emulator.create("/core/applications/", JSON.createObjectNode().put("name", "Hand").put("slug", "hand")
                .put("provider", created.get("pk").asInt()));
        emulator.calls().clear();

        api().delete("/apps/servarr/hand").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("not created by authentik-provisioner"));
        assertThat(emulator.calls().writes()).isZero();
        assertThat(emulator.list("/core/applications/?superuser_full_list=true")).hasSize(1);
        api().get("/apps/servarr/hand").then().statusCode(404);
    }

    @Test
    void thePasswordNeverAppearsInAnswersOrLogs() {
        String password = "Sup3r-S3cret-Passw0rd-xyz";
        try (LogCapture logs = new LogCapture()) {
            Response created = api().body(servarrApp("prowlarr", password)).post("/apps/servarr");
            Response again = api().body(servarrApp("prowlarr", password)).post("/apps/servarr");
            Response changed = api().body(servarrApp("prowlarr", password + "2")).post("/apps/servarr");
            Response planned = api().body(servarrApp("prowlarr", password + "3")).queryParam("dryRun", true).post("/apps/servarr");
            Response listed = api().get("/apps/servarr");
            Response one = api().get("/apps/servarr/prowlarr");
            Response bad = api().body(servarrApp("prowlarr", password).replace("https://prowlarr.example.com", "nope"))
                    .post("/apps/servarr");
            Response deleted = api().delete("/apps/servarr/prowlarr");
            for (Response r : List.of(created, again, changed, planned, listed, one, bad, deleted)) {
                assertThat(r.asString()).doesNotContain(password);
            }
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(logs.lines()).isNotEmpty().noneMatch(line -> line.contains(password));
        }
    }

    @Test
    void badInputIsRejectedWithoutCallingAuthentik() {
        badRequest(servarrApp("prowlarr", "pw").replace("https://prowlarr.example.com", "prowlarr.example.com"), "externalHost");
        badRequest(servarrApp("prowlarr", "pw").replace("https://prowlarr.example.com", "ftp://prowlarr.example.com"),
                "externalHost");
        badRequest(servarrApp("prowlarr", "pw").replace("\"slug\": \"prowlarr\"", "\"slug\": \"pro warr\""), "slug");
        badRequest(servarrApp("prowlarr", "pw").replace("\"slug\": \"prowlarr\"", "\"slug\": \"authorize\""), "slug");
        badRequest(servarrApp("prowlarr", "pw").replace("^/api/.*", "(unclosed"), "unauthenticatedPaths[0]");
        badRequest(servarrApp("prowlarr", "pw").replace("\"password\": \"pw\",", ""), "password");
        assertThat(emulator.calls().all()).isEmpty();
    }

    @Test
    void dryRunPlansAndWritesNothing() {
        api().body(servarrApp("prowlarr", "pw")).queryParam("dryRun", true).post("/apps/servarr").then().statusCode(200)
                .body("status", equalTo("planned"))
                .body("changes.kind", equalTo(List.of("group", "proxy-provider", "application", "outpost")))
                .body("changes.action", equalTo(List.of("create", "create", "create", "update")))
                .body("app.assigned", equalTo(false));
        assertThat(emulator.calls().writes()).isZero();
    }

    @Test
    void listAndGetReadTheStateBack() {
        api().body(servarrApp("prowlarr", "pw")).post("/apps/servarr").then().statusCode(201);
        api().body(servarrApp("sonarr", "pw")).post("/apps/servarr").then().statusCode(201);
        emulator.calls().clear();
        api().get("/apps/servarr").then().statusCode(200).body("$", hasSize(2))
                .body("slug", hasItem("sonarr")).body("assigned", equalTo(List.of(true, true)))
                .body("group", equalTo(List.of("Servarr Users", "Servarr Users")));
        assertThat(emulator.calls().all()).as("no call per app").hasSize(4);
        api().get("/apps/servarr/sonarr").then().statusCode(200)
                .body("externalHost", equalTo("https://sonarr.example.com"))
                .body("attributeKeys", equalTo(List.of("sonarr_user", "sonarr_password")))
                .body("unauthenticatedPaths", equalTo(List.of("^/api/.*")));
        api().get("/apps/servarr/nope").then().statusCode(404).contentType("application/problem+json");
    }

    private void badRequest(String body, String field) {
        api().body(body).post("/apps/servarr").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(field));
    }

    private JsonNode servarrGroup() {
        return emulator.list("/core/groups/?name=Servarr%20Users").getFirst();
    }

    private List<String> outpostProviders() {
        List<String> out = new ArrayList<>();
        emulator.list("/outposts/instances/?managed__iexact=goauthentik.io/outposts/embedded").getFirst()
                .get("providers").forEach(p -> out.add(p.asText()));
        return out;
    }
}
