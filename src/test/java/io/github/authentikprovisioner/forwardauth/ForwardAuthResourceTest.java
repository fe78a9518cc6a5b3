package io.github.authentikprovisioner.forwardauth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.authentikprovisioner.ApiTestSupport;
import io.github.authentikprovisioner.emulator.CallLog;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class ForwardAuthResourceTest extends ApiTestSupport {

    private static final String BODY = """
            {"cookieDomain": "example.com", "tokenValidity": "hours=24", "consent": "implicit",
             "unauthenticatedPaths": ["^https://[^/]+/api/.*"]}""";

    @Test
    void freshInstallCreatesProviderApplicationAndAssignment() {
        api().body(BODY).put("/forward-auth").then().statusCode(201)
                .body("status", equalTo("created"))
                .body("providerPk", notNullValue())
                .body("changes.find { it.kind == 'proxy-provider' }.action", equalTo("create"))
                .body("changes.find { it.kind == 'application' }.action", equalTo("create"))
                .body("changes.find { it.kind == 'outpost' }.action", equalTo("update"))
                .body("changes.find { it.kind == 'outpost' }.fields", hasItem("providers"));

        JsonNode provider = emulator.list("/providers/proxy/?name__iexact=Traefik%20Provider").getFirst();
        assertThat(provider.get("mode").asText()).isEqualTo("forward_domain");
        assertThat(provider.get("external_host").asText()).isEqualTo("https://auth.example.com");
        assertThat(provider.get("cookie_domain").asText()).isEqualTo("example.com");
        assertThat(provider.get("skip_path_regex").asText()).isEqualTo("^https://[^/]+/api/.*");
        assertThat(provider.get("access_token_validity").asText()).isEqualTo("hours=24");
        assertThat(provider.get("assigned_application_slug").asText()).isEqualTo("traefik");
        JsonNode implicit = emulator.get("/flows/instances/default-provider-authorization-implicit-consent/");
        assertThat(provider.get("authorization_flow").asText()).isEqualTo(implicit.get("pk").asText());

        JsonNode outpost = embeddedOutpost();
        assertThat(outpost.get("providers").toString()).contains(provider.get("pk").asText());
        assertThat(outpost.get("config").get("authentik_host").asText()).isEqualTo("https://auth.example.com");
        assertThat(outpost.get("config").get("log_level").asText()).as("the rest of config is kept").isEqualTo("info");
    }

    @Test
    void sameCallAgainChangesNothingAndWritesNothing() {
        Response first = api().body(BODY).put("/forward-auth");
        first.then().statusCode(201);
        emulator.calls().clear();

        Response second = api().body(BODY).put("/forward-auth");
        second.then().statusCode(200).body("status", equalTo("unchanged")).body("authentikCalls.writes", equalTo(0));
        assertThat(emulator.calls().writes()).isZero();
        assertThat(second.jsonPath().getInt("providerPk")).isEqualTo(first.jsonPath().getInt("providerPk"));
        assertThat(second.jsonPath().getList("changes.action")).containsOnly("none");
        assertThat(second.jsonPath().getInt("authentikCalls.reads")).isEqualTo((int) emulator.calls().reads());
        // provider, application, outpost, and every flow in one list (default objects are read once per request)
        assertThat(emulator.calls().reads()).isEqualTo(4);
    }

    @Test
    void changedCookieDomainIsOnePatchOfThatField() {
        api().body(BODY).put("/forward-auth").then().statusCode(201);
        emulator.calls().clear();

        api().body(BODY.replace("example.com", "example.org")).put("/forward-auth").then().statusCode(200)
                .body("status", equalTo("updated"))
                .body("changes.find { it.kind == 'proxy-provider' }.fields", equalTo(List.of("cookie_domain")))
                .body("authentikCalls.writes", equalTo(1));
        List<CallLog.Call> writes = emulator.calls().writeCalls();
        assertThat(writes).hasSize(1);
        assertThat(writes.getFirst().method()).isEqualTo("PATCH");
        assertThat(writes.getFirst().path()).startsWith("/providers/proxy/");
    }

    @Test
    void dryRunOnFreshInstallPlansEverythingAndWritesNothing() {
        api().body(BODY).queryParam("dryRun", true).put("/forward-auth").then().statusCode(200)
                .body("status", equalTo("planned"))
                .body("changes.kind", equalTo(List.of("proxy-provider", "application", "outpost")))
                .body("changes.action", equalTo(List.of("create", "create", "update")))
                .body("authentikCalls.writes", equalTo(0));
        assertThat(emulator.calls().writes()).isZero();
        assertThat(emulator.list("/providers/proxy/")).isEmpty();
    }

    @Test
    void concurrentRecipesNeverLoseEachOthersOutpostAssignment() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String body = """
                    {"cookieDomain": "d%d.example.com", "providerName": "Provider %d", "applicationName": "App %d",
                     "applicationSlug": "app-%d"}""".formatted(i, i, i, i);
            calls.add(() -> api().body(body).put("/forward-auth").statusCode());
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(calls)) {
            statuses.add(f.get());
        }
        pool.shutdown();
        assertThat(statuses).containsOnly(201);
        List<String> assigned = new ArrayList<>();
        embeddedOutpost().get("providers").forEach(p -> assigned.add(p.asText()));
        List<String> created = emulator.list("/providers/proxy/").stream().map(p -> p.get("pk").asText()).toList();
        assertThat(created).hasSize(20);
        assertThat(assigned).containsExactlyInAnyOrderElementsOf(created);
    }

    /** The outpost compiles each line with Go's regexp and skips one that fails (proxyv2/application/application.go). */
    @Test
    void anUnauthenticatedPathTheOutpostCannotCompileIsRejectedNamingTheConstruct() {
        api().body("{\"cookieDomain\": \"example.com\", \"unauthenticatedPaths\": [\"^https://[^/]+/api/\", \"^https://(?!admin).*\"]}")
                .put("/forward-auth").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("unauthenticatedPaths[1]"))
                .body("errors.message", hasItem(containsString("lookaround")));
        assertThat(emulator.calls().all()).isEmpty();
    }

    /** The outpost matches a domain-level provider's skip paths against the whole URL (application/mode_common.go). */
    @Test
    void aPathAnchoredAtTheSlashIsRejectedBecauseADomainLevelProviderMatchesTheWholeUrl() {
        api().body("{\"cookieDomain\": \"example.com\", \"unauthenticatedPaths\": [\"/status\", \"^/api/.*\"]}")
                .put("/forward-auth").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.contains("unauthenticatedPaths[1]"))
                .body("errors.message", hasItem(containsString("^https://[^/]+/api/.*")));
        assertThat(emulator.calls().all()).isEmpty();
    }

    /**
     * Decided by meaning, not spelling: the guide's {@code ^\/api\/.*} starts with an escaped slash, passed a check
     * for a literal "^/", and never matched a URL; the 400 names a pattern that does.
     */
    @Test
    void theGuidesEscapedSlashIsRejectedToo() {
        api().body("{\"cookieDomain\": \"example.com\", \"unauthenticatedPaths\": [\"^\\\\/api\\\\/.*\"]}")
                .put("/forward-auth").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.contains("unauthenticatedPaths[0]"))
                .body("errors.message", hasItem(containsString("write ^https://[^/]+\\/api\\/.* instead")));
        assertThat(emulator.calls().all()).isEmpty();
    }

    @Test
    void badInputIsRejectedNamingTheFieldWithoutCallingAuthentik() {
        badRequest("{\"tokenValidity\": \"hours=1\"}", "cookieDomain");
        badRequest("{\"cookieDomain\": \"example.com\", \"tokenValidity\": \"24h\"}", "tokenValidity");
        badRequest("{\"cookieDomain\": \"example.com\", \"tokenValidity\": \"hours=1,minutes=2\"}", "tokenValidity");
        badRequest("{\"cookieDomain\": \"example.com\", \"consent\": \"sometimes\"}", "consent");
        badRequest("{\"cookieDomain\": \"https://example.com\"}", "cookieDomain");
        badRequest("{\"cookieDomain\": \"example.com\", \"unauthenticatedPaths\": [\"/ok\", \"([\"]}",
                "unauthenticatedPaths[1]");
        badRequest("{\"cookieDomain\": \"example.com\", \"cookieDomian\": \"x\"}", "cookieDomian");
        badRequest("{\"cookieDomain\": \"example.com\", \"applicationSlug\": \"no spaces\"}", "applicationSlug");
        badRequest("{\"cookieDomain\": ", "body");
        badRequest("", "body");
        assertThat(emulator.calls().all()).isEmpty();
    }

    private void badRequest(String body, String field) {
        api().body(body).put("/forward-auth").then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItem(field));
    }

    @Test
    void missingOrWrongTokenIsUnauthorized() {
        given().contentType(ContentType.JSON).body(BODY).put("/forward-auth").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", containsString("Bearer"));
        given().auth().oauth2("wrong-token-wrong-token-wrong-token-000").contentType(ContentType.JSON).body(BODY)
                .put("/forward-auth").then().statusCode(401);
        given().get("/q/openapi").then().statusCode(401);
        given().get("/q/health/live").then().statusCode(200);
        assertThat(emulator.calls().all()).isEmpty();
    }

    @Test
    void authentikDownIsServiceUnavailableWithRetryAfterAndNotReady() {
        emulator.faults().down(true);
        api().body(BODY).put("/forward-auth").then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("detail", containsString("unreachable"));
        given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
        emulator.faults().down(false);
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void authentikRefusingTheTokenIsServiceUnavailableSayingSo() {
        emulator.acceptToken("some-other-token");
        api().body(BODY).put("/forward-auth").then().statusCode(503)
                .header("Retry-After", notNullValue())
                .body("detail", containsString("refused the API token"));
        given().get("/q/health/ready").then().statusCode(503);
    }

    @Test
    void authentikRejectingAWriteIsBadGatewayWithItsMessage() {
        emulator.faults().failNth("POST", "^/core/applications/$", 1, 400);
        api().body(BODY).put("/forward-auth").then().statusCode(502)
                .body("detail", containsString("authentik rejected"));
        emulator.faults().clear();
        api().body(BODY).put("/forward-auth").then().statusCode(201)
                .body("changes.find { it.kind == 'proxy-provider' }.action", equalTo("none"))
                .body("changes.find { it.kind == 'application' }.action", equalTo("create"));
    }

    @Test
    void aReadThatFailsTransientlyIsRetriedButAFailedWriteIsNot() {
        emulator.faults().failNth("GET", "^/flows/instances/", 1, 502);
        api().body(BODY).put("/forward-auth").then().statusCode(201);

        emulator.reset();
        emulator.faults().failNth("POST", "^/providers/proxy/$", 1, 500);
        api().body(BODY).put("/forward-auth").then().statusCode(503).header("Retry-After", notNullValue());
        assertThat(emulator.calls().count("POST", "/providers/proxy/")).isEqualTo(1);
        assertThat(emulator.list("/providers/proxy/")).isEmpty();
    }

    /**
     * An authentik slower than the read timeout counts as unreachable. Readiness answers within about a second
     * from what it last saw while its check runs, and DOWN once that check has timed out.
     */
    @Test
    void aSlowAuthentikTimesOutAsUnavailable() {
        emulator.faults().latency(java.time.Duration.ofMillis(3500)); // the test profile's read timeout is 3 s
        try {
            long start = System.nanoTime();
            while (true) {
                long asked = System.nanoTime();
                io.restassured.response.Response ready = given().get("/q/health/ready");
                assertThat(System.nanoTime() - asked).as("each answer within 2 s")
                        .isLessThan(java.time.Duration.ofSeconds(2).toNanos());
                if (ready.statusCode() == 503) {
                    assertThat(ready.jsonPath().getString("checks[0].data.reason")).contains("unreachable");
                    break;
                }
                assertThat(System.nanoTime() - start).as("DOWN once the check timed out")
                        .isLessThan(java.time.Duration.ofSeconds(8).toNanos());
            }
        } finally {
            emulator.faults().clear();
        }
    }

    private JsonNode embeddedOutpost() {
        return emulator.list("/outposts/instances/?managed__iexact=goauthentik.io/outposts/embedded").getFirst();
    }
}
