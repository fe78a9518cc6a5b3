package io.github.authentikprovisioner.emulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.ApiTestSupport;
import io.github.authentikprovisioner.emulator.EmulatedOutposts.Instance;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The emulator's outposts behave as authentik 2026.2.2's do: the health of an outpost's instances, and the embedded
 * outpost's Traefik forward-auth answers from the configuration it last refreshed. Each test names the upstream file
 * it mirrors.
 */
@QuarkusTest
class EmbeddedOutpostEmulationTest extends ApiTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "emulator-token-not-a-secret-0123456789";
    private static final String EMBEDDED = "authentik Embedded Outpost";
    private static final String TRAEFIK = "/emulator/outpost.goauthentik.io/auth/traefik";

    // ---- health ------------------------------------------------------------------------------------------------

    /** authentik/outposts/api/outposts.py health and authentik/outposts/models.py OutpostState. */
    @Test
    void theEmbeddedOutpostHasOneConnectedInstanceOfThisVersion() {
        JsonNode health = health(embedded().get("pk").asText());

        assertThat(health).hasSize(1);
        JsonNode instance = health.get(0);
        assertThat(instance.get("hostname").asText()).isEqualTo("authentik-server");
        assertThat(instance.get("version").asText()).isEqualTo("2026.2.2");
        assertThat(instance.get("version_should").asText()).isEqualTo("2026.2.2");
        assertThat(instance.get("version_outdated").asBoolean()).isFalse();
        assertThat(instance.get("fips_enabled").isNull()).isTrue();
        String buildHash = emulator.get("/admin/version/").get("build_hash").asText();
        assertThat(instance.get("build_hash_should").asText()).isEqualTo(buildHash);
        assertThat(instance.get("build_hash").asText()).isEqualTo(buildHash);
        assertThat(Instant.parse(instance.get("last_seen").asText()))
                .isBetween(Instant.now().minusSeconds(5), Instant.now().plusSeconds(1));
    }

    /** authentik/outposts/models.py OutpostState.version_outdated: same build hash, another version. */
    @Test
    void anInstanceOfAnotherVersionIsOutdated() {
        emulator.outposts().instances(EMBEDDED, List.of(Instance.seenAt("old-server", "2025.10.1", Instant.now())));

        JsonNode instance = health(embedded().get("pk").asText()).get(0);
        assertThat(instance.get("version").asText()).isEqualTo("2025.10.1");
        assertThat(instance.get("version_outdated").asBoolean()).isTrue();
    }

    /**
     * authentik/outposts/consumer.py: a state is saved with timeout OUTPOST_HELLO_INTERVAL * 1.5 = 15 s;
     * authentik/outposts/models.py for_outpost lists the expired key once more and reads it as {"uid": uid}.
     */
    @Test
    void anInstanceSilentForOver15SecondsIsListedOnceWithoutLastSeenThenNotAtAll() {
        emulator.outposts().instances(EMBEDDED, List.of(
                Instance.seenAt("gone", "2026.2.2", Instant.now().minusSeconds(16)),
                Instance.seenAt("recent", "2026.2.2", Instant.now().minusSeconds(5))));

        JsonNode once = health(embedded().get("pk").asText());
        assertThat(once).extracting(i -> i.get("hostname").asText()).containsExactlyInAnyOrder("", "recent");
        JsonNode expired = once.get(0).get("hostname").asText().isEmpty() ? once.get(0) : once.get(1);
        assertThat(expired.get("last_seen").isNull()).isTrue();
        assertThat(expired.get("version").isNull()).isTrue();
        assertThat(expired.get("version_outdated").asBoolean()).isFalse();
        assertThat(health(embedded().get("pk").asText())).extracting(i -> i.get("hostname").asText())
                .containsExactly("recent");

        ObjectNode other = JSON.createObjectNode().put("name", "Standalone").put("type", "proxy");
        other.putArray("providers").add(proxyProvider("Standalone app", "forward_single", "https://s.example.com")
                .get("pk").asInt());
        JsonNode created = emulator.create("/outposts/instances/", other);
        assertThat(health(created.get("pk").asText())).as("no instance has ever connected").isEmpty();
    }

    /** rest_framework/generics.py get_object_or_404 and DRF 3.16's exception_handler. */
    @Test
    void theHealthOfAnUnknownOutpostIsNotFound() {
        given().auth().oauth2(TOKEN).get("/emulator/api/v3/outposts/instances/" + UUID.randomUUID() + "/health/")
                .then().statusCode(404).body("detail", equalTo("No Outpost matches the given query."));
    }

    // ---- forward auth ------------------------------------------------------------------------------------------

    /**
     * internal/outpost/proxyv2/application/mode_forward.go forwardHandleTraefik, oauth.go handleAuthStart,
     * endpoint.go GetOIDCEndpoint: an unauthenticated caller is sent straight to the authorize endpoint.
     */
    @Test
    void aServedForwardSingleHostRedirectsToAuthorizeOnTheInternalAddressOrAuthentikHost() {
        JsonNode provider = served("App", "forward_single", "https://app.example.com");
        long before = emulator.outposts().forwardAuthCalls();

        Response blank = traefik("https", "app.example.com", "/some/page?q=1");
        assertThat(blank.statusCode()).isEqualTo(302);
        URI location = URI.create(blank.header("Location"));
        assertThat(location.getScheme() + "://" + location.getRawAuthority() + location.getPath())
                .as("authentik_host is empty after install").isEqualTo("http://0.0.0.0:9000/application/o/authorize/");
        Map<String, String> params = params(location);
        assertThat(params.keySet()).containsExactly("client_id", "redirect_uri", "response_type", "scope", "state");
        assertThat(params.get("client_id")).isEqualTo(provider.get("client_id").asText());
        assertThat(params.get("redirect_uri"))
                .isEqualTo("https://app.example.com/outpost.goauthentik.io/callback?X-authentik-auth-callback=true");
        assertThat(params.get("response_type")).isEqualTo("code");
        assertThat(params.get("scope").split(" ")).contains("openid", "profile", "email", "ak_proxy");
        assertThat(params.get("state")).isNotEmpty();
        assertThat(blank.header("Set-Cookie")).matches("authentik_proxy_[0-9a-f]{8}=[A-Z2-7]+; Path=/; .*HttpOnly.*");
        assertThat(emulator.outposts().forwardAuthCalls()).isEqualTo(before + 1);

        ObjectNode config = (ObjectNode) embedded().get("config").deepCopy();
        config.put("authentik_host", "https://auth.example.com:9443/ignored/path");
        emulator.patch("/outposts/instances/" + embedded().get("pk").asText() + "/",
                JSON.createObjectNode().set("config", config));

        URI configured = URI.create(traefik("https", "app.example.com", "/").header("Location"));
        assertThat(configured.getScheme() + "://" + configured.getRawAuthority() + configured.getPath())
                .isEqualTo("https://auth.example.com:9443/application/o/authorize/");
    }

    /**
     * internal/outpost/proxyv2/proxyv2.go HandleHost, internal/web/proxy.go, authentik/root/urls.py handler404: on
     * the embedded outpost an unknown host is passed on to Django, which has no such page.
     */
    @Test
    void anUnknownHostGetsAuthentiksNotFoundPage() {
        served("App", "forward_single", "https://app.example.com");

        Response unknown = traefik("https", "other.example.com", "/");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(unknown.header("X-Powered-By")).isEqualTo("authentik");
        assertThat(unknown.asString()).contains("Not Found");

        Response withPort = traefik("https", "app.example.com:8443", "/");
        assertThat(withPort.statusCode()).as("the port is part of the host key").isEqualTo(404);
    }

    /** authentik/providers/proxy/api.py ProxyOutpostConfigViewSet: ProxyProvider.objects.filter(application__isnull=False). */
    @Test
    void aProviderWithoutApplicationIsNotServed() {
        JsonNode provider = proxyProvider("Lonely", "forward_single", "https://lonely.example.com");
        addToEmbedded(provider);
        emulator.outposts().refreshNow();

        assertThat(traefik("https", "lonely.example.com", "/").statusCode()).isEqualTo(404);
    }

    /**
     * internal/outpost/ak/api_event.go startEventHandler: on TRIGGER_UPDATE the outpost sleeps its reload offset,
     * then refreshes; until then it serves its last refresh, not the live configuration.
     */
    @Test
    void theOutpostServesItsLastRefreshUntilTheUpdateIsDue() {
        emulator.outposts().refreshDelay(Duration.ofMinutes(1));
        JsonNode provider = proxyProvider("Later", "forward_single", "https://later.example.com");
        application("Later", provider);
        addToEmbedded(provider);

        assertThat(traefik("https", "later.example.com", "/").statusCode()).as("the update is not due yet")
                .isEqualTo(404);
        emulator.outposts().refreshNow();
        assertThat(traefik("https", "later.example.com", "/").statusCode()).isEqualTo(302);
    }

    /**
     * authentik/outposts/signals.py (an outpost's save sends an update) and authentik/core/signals.py (an
     * application's save sends none): a provider added to the outpost before it has an application is served only
     * from the next refresh after its application exists.
     */
    @Test
    void anApplicationsSaveSendsTheOutpostNoUpdate() {
        JsonNode provider = proxyProvider("Second", "forward_single", "https://second.example.com");
        addToEmbedded(provider);
        application("Second", provider);

        assertThat(traefik("https", "second.example.com", "/").statusCode())
                .as("refreshed when added to the outpost, before it had an application").isEqualTo(404);
        emulator.outposts().refreshNow();
        assertThat(traefik("https", "second.example.com", "/").statusCode()).isEqualTo(302);
    }

    /**
     * authentik/outposts/signals.py outpost_post_save: every save of the outpost sends it an update, a PATCH that
     * changes nothing too (DRF saves the instance on every update), which is how this service makes it reload.
     */
    @Test
    void anEmptyPatchOfTheOutpostIsASaveThatSendsAnUpdate() {
        JsonNode provider = proxyProvider("Third", "forward_single", "https://third.example.com");
        addToEmbedded(provider);
        application("Third", provider);
        assertThat(traefik("https", "third.example.com", "/").statusCode()).isEqualTo(404);

        emulator.patch("/outposts/instances/" + embedded().get("pk").asText() + "/", JSON.createObjectNode());
        assertThat(traefik("https", "third.example.com", "/").statusCode()).isEqualTo(302);
    }

    /** internal/outpost/proxyv2/handlers.go lookupApp: exact host first, then the longest cookie_domain suffix. */
    @Test
    void forwardDomainAppsMatchByTheLongestCookieDomainSuffix() {
        JsonNode wide = proxyProvider("Wide", "forward_domain", "https://auth.example.com", p -> p
                .put("cookie_domain", "example.com"));
        JsonNode narrow = proxyProvider("Narrow", "forward_domain", "https://auth.sub.example.com", p -> p
                .put("cookie_domain", ".sub.example.com"));
        JsonNode single = proxyProvider("Single", "forward_single", "https://exact.sub.example.com");
        for (JsonNode p : List.of(wide, narrow, single)) {
            application(p.get("name").asText(), p);
            addToEmbedded(p);
        }

        assertThat(clientIdServing("x.sub.example.com")).isEqualTo(narrow.get("client_id").asText());
        assertThat(clientIdServing("y.example.com")).isEqualTo(wide.get("client_id").asText());
        assertThat(clientIdServing("badexample.com")).as("a plain suffix, no dot boundary")
                .isEqualTo(wide.get("client_id").asText());
        assertThat(clientIdServing("exact.sub.example.com")).as("the exact host wins")
                .isEqualTo(single.get("client_id").asText());
        assertThat(traefik("https", "example.org", "/").statusCode()).isEqualTo(404);
        assertThat(traefik("https", "y.example.com:8443", "/").statusCode()).as("the port spoils the suffix")
                .isEqualTo(404);
    }

    /**
     * internal/outpost/proxyv2/application/application.go (skip_path_regex split on newlines, lines that do not
     * compile skipped) and mode_common.go IsAllowlisted (the path for forward_single, the whole URL otherwise).
     */
    @Test
    void skipPathRegexLinesLetPathsThroughAndBrokenLinesAreSkipped() {
        served("Api", "forward_single", "https://api.example.com", p -> p
                .put("skip_path_regex", "^/api/\n[unclosed\n^/health$"));

        Response api = traefik("https", "api.example.com", "/api/v1/items?token=x");
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.asString()).isEmpty();
        assertThat(api.header("X-Powered-By")).isEqualTo("authentik_proxy2");
        assertThat(api.header("Location")).isNull();
        assertThat(api.headers().asList()).noneMatch(h -> h.getName().toLowerCase(Locale.ROOT).startsWith("x-authentik-"));
        assertThat(traefik("https", "api.example.com", "/health").statusCode()).isEqualTo(200);
        assertThat(traefik("https", "api.example.com", "/healthz").statusCode()).isEqualTo(302);
        assertThat(traefik("https", "api.example.com", "/web/api/").statusCode()).isEqualTo(302);

        served("Domain", "forward_domain", "https://d.example.org", p -> p.put("cookie_domain", "example.org")
                .put("skip_path_regex", "^/api/"));
        assertThat(traefik("https", "d.example.org", "/api/v1").statusCode())
                .as("forward_domain tests the whole URL, which does not start with /api/").isEqualTo(302);
    }

    /** internal/outpost/proxyv2/application/mode_common.go getTraefikForwardUrl, mode_forward.go http.Error. */
    @Test
    void aMissingForwardedProtoIsAConfigurationError() {
        served("App", "forward_single", "https://app.example.com");

        Response response = traefik(null, "app.example.com", "/");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.contentType()).startsWith("text/plain");
        assertThat(response.asString()).isEqualTo("configuration error\n");
    }

    /** internal/web/proxy.go: the embedded outpost runs inside the authentik server and goes down with it. */
    @Test
    void aDownOutpostClosesTheConnection() {
        served("App", "forward_single", "https://app.example.com");

        emulator.outposts().forwardAuthDown(true);
        assertThatThrownBy(() -> traefik("https", "app.example.com", "/")).isInstanceOf(Exception.class);
        emulator.outposts().forwardAuthDown(false);
        emulator.faults().down(true);
        assertThatThrownBy(() -> traefik("https", "app.example.com", "/")).isInstanceOf(Exception.class);
        emulator.faults().down(false);
        assertThat(traefik("https", "app.example.com", "/").statusCode()).isEqualTo(302);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private JsonNode health(String outpostPk) {
        String body = given().auth().oauth2(TOKEN).get("/emulator/api/v3/outposts/instances/" + outpostPk + "/health/")
                .then().statusCode(200).extract().asString();
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode embedded() {
        return emulator.list("/outposts/instances/?managed__iexact=goauthentik.io/outposts/embedded").getFirst();
    }

    private static Response traefik(String proto, String host, String uri) {
        var request = given().baseUri("http://localhost:" + io.restassured.RestAssured.port).redirects().follow(false)
                .header("X-Forwarded-Host", host).header("X-Forwarded-Uri", uri).header("X-Forwarded-Method", "GET");
        if (proto != null) {
            request = request.header("X-Forwarded-Proto", proto);
        }
        return request.get(TRAEFIK);
    }

    private String clientIdServing(String host) {
        Response response = traefik("https", host, "/");
        assertThat(response.statusCode()).as(host).isEqualTo(302);
        return params(URI.create(response.header("Location"))).get("client_id");
    }

    private static Map<String, String> params(URI location) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : location.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return out;
    }

    /** A provider with an application, in the embedded outpost, served after the update that sends it. */
    private JsonNode served(String name, String mode, String externalHost) {
        return served(name, mode, externalHost, p -> p);
    }

    private JsonNode served(String name, String mode, String externalHost,
            UnaryOperator<ObjectNode> extra) {
        JsonNode provider = proxyProvider(name, mode, externalHost, extra);
        application(name, provider);
        addToEmbedded(provider);
        return provider;
    }

    private JsonNode proxyProvider(String name, String mode, String externalHost) {
        return proxyProvider(name, mode, externalHost, p -> p);
    }

    private JsonNode proxyProvider(String name, String mode, String externalHost,
            UnaryOperator<ObjectNode> extra) {
        ObjectNode body = JSON.createObjectNode().put("name", name + " Provider").put("mode", mode)
                .put("external_host", externalHost)
                .put("authorization_flow", flow("default-provider-authorization-implicit-consent"))
                .put("invalidation_flow", flow("default-provider-invalidation-flow"));
        return emulator.create("/providers/proxy/", extra.apply(body));
    }

    private void application(String name, JsonNode provider) {
        emulator.create("/core/applications/", JSON.createObjectNode().put("name", name)
                .put("slug", name.toLowerCase(Locale.ROOT).replace(' ', '-')).put("provider", provider.get("pk").asInt()));
    }

    private void addToEmbedded(JsonNode provider) {
        JsonNode embedded = embedded();
        ObjectNode patch = JSON.createObjectNode();
        patch.putArray("providers").addAll((ArrayNode) embedded.get("providers"))
                .add(provider.get("pk").asInt());
        emulator.patch("/outposts/instances/" + embedded.get("pk").asText() + "/", patch);
    }

    private String flow(String slug) {
        return emulator.get("/flows/instances/" + slug + "/").get("pk").asText();
    }
}
