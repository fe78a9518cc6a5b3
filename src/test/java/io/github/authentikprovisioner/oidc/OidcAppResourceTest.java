package io.github.authentikprovisioner.oidc;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.ApiTestSupport;
import io.github.authentikprovisioner.LogCapture;
import io.github.authentikprovisioner.emulator.CallLog;
import io.github.authentikprovisioner.recipes.SeedText;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

@QuarkusTest
class OidcAppResourceTest extends ApiTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NEXTCLOUD = "{\"preset\": \"nextcloud\", \"baseUrl\": \"https://nc.example.com\"}";
    private static final Map<String, String> PRESETS = Map.of(
            "nextcloud", NEXTCLOUD,
            "synology", "{\"preset\": \"synology\", \"baseUrl\": \"https://nas.example.com\"}",
            "immich", "{\"preset\": \"immich\", \"baseUrl\": \"https://immich.example.com/\"}",
            "inventree", """
                    {"preset": "inventree", "baseUrl": "https://inventree.example.com",
                     "additionalBaseUrls": ["https://parts.example.com"]}""",
            "generic", """
                    {"preset": "generic", "name": "Wiki", "accessGroup": "wiki users",
                     "redirectUris": ["https://wiki.example.com/cb", {"regex": "^https://wiki\\\\.example\\\\.com/.*$"}],
                     "scopes": ["openid", "profile", "offline_access"]}""");
    private static final Map<String, String> SLUGS = Map.of("nextcloud", "nextcloud", "synology", "nas",
            "immich", "immich", "inventree", "inventree", "generic", "wiki");

    // ---- idempotency and credentials --------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = { "nextcloud", "synology", "immich", "inventree", "generic" })
    void eachPresetFromAFreshInstallThenAgainWritesNothingAndKeepsTheCredentials(String preset) {
        Response first = api().body(PRESETS.get(preset)).post("/apps/oidc");
        first.then().statusCode(201).body("status", equalTo("created")).body("preset", equalTo(preset))
                .body("slug", equalTo(SLUGS.get(preset)));
        long firstReads = emulator.calls().reads();
        long firstWrites = emulator.calls().writes();
        JsonNode provider = provider(SLUGS.get(preset));
        assertThat(first.jsonPath().getString("clientId")).isEqualTo(provider.get("client_id").asText()).hasSize(40);
        assertThat(first.jsonPath().getString("clientSecret")).isEqualTo(provider.get("client_secret").asText())
                .hasSize(128);
        assertThat(first.jsonPath().getInt("authentikCalls.writes")).isEqualTo((int) firstWrites);
        emulator.calls().clear();

        Response second = api().body(PRESETS.get(preset)).post("/apps/oidc");
        second.then().statusCode(200).body("status", equalTo("unchanged")).body("authentikCalls.writes", equalTo(0));
        assertThat(emulator.calls().writes()).isZero();
        assertThat(second.jsonPath().getList("changes.action")).containsOnly("none");
        assertThat(second.jsonPath().getString("clientId")).isEqualTo(first.jsonPath().getString("clientId"));
        assertThat(second.jsonPath().getString("clientSecret")).isEqualTo(first.jsonPath().getString("clientSecret"));
        assertThat(second.jsonPath().getMap("setup")).isEqualTo(first.jsonPath().getMap("setup"));
        assertThat(second.jsonPath().getInt("authentikCalls.reads")).isEqualTo((int) emulator.calls().reads());
        System.out.printf("calls %s: first %d reads/%d writes, second %d reads/%d writes%n", preset, firstReads,
                firstWrites, emulator.calls().reads(), emulator.calls().writes());
    }

    @Test
    void changedBaseUrlIsOnePatchOfTheRedirectUrisAndKeepsTheCredentials() {
        Response first = api().body(NEXTCLOUD).post("/apps/oidc");
        first.then().statusCode(201);
        emulator.calls().clear();

        Response moved = api().body(NEXTCLOUD.replace("nc.example.com", "cloud.example.com")).post("/apps/oidc");
        moved.then().statusCode(200).body("status", equalTo("updated"))
                .body("changes.findAll { it.action != 'none' }.kind", equalTo(List.of("oauth2-provider")))
                .body("changes.find { it.kind == 'oauth2-provider' }.fields", equalTo(List.of("redirect_uris")))
                .body("authentikCalls.writes", equalTo(1));
        List<CallLog.Call> writes = emulator.calls().writeCalls();
        assertThat(writes).hasSize(1);
        assertThat(writes.getFirst().method()).isEqualTo("PATCH");
        assertThat(writes.getFirst().path()).startsWith("/providers/oauth2/");
        assertThat(moved.jsonPath().getString("clientId")).isEqualTo(first.jsonPath().getString("clientId"));
        assertThat(moved.jsonPath().getString("clientSecret")).isEqualTo(first.jsonPath().getString("clientSecret"));
        assertThat(provider("nextcloud").get("redirect_uris").toString())
                .isEqualTo("[{\"matching_mode\":\"strict\",\"url\":\"https://cloud.example.com/apps/user_oidc/code\"}]");
        assertThat(moved.jsonPath().getList("setup.commands[0]"))
                .contains("--discoveryuri=https://auth.example.com/application/o/nextcloud/.well-known/openid-configuration");
        assertThat(first.jsonPath().getList("replacedRedirectUris")).isEmpty();
        assertThat(moved.jsonPath().getList("replacedRedirectUris.url"))
                .containsExactly("https://nc.example.com/apps/user_oidc/code");
    }

    /**
     * Two callers giving one application different base URLs (a container's hook, the desired-state file) rewrite
     * its redirect URIs back and forth on every run: each call says what it replaced, in its answer and in the log.
     */
    @Test
    void aSecondWriterWithAnotherBaseUrlIsVisibleInTheAnswerAndTheLog() {
        api().body(NEXTCLOUD).post("/apps/oidc").then().statusCode(201);
        List<String> logged;
        try (LogCapture logs = new LogCapture()) {
            api().body(NEXTCLOUD.replace("nc.", "cloud.")).queryParam("dryRun", "true").post("/apps/oidc").then()
                    .statusCode(200).body("replacedRedirectUris.url", equalTo(List.of("https://nc.example.com/apps/user_oidc/code")));
            api().body(NEXTCLOUD.replace("nc.", "cloud.")).post("/apps/oidc").then().statusCode(200);
            api().body(NEXTCLOUD).post("/apps/oidc").then().statusCode(200)
                    .body("replacedRedirectUris.url", equalTo(List.of("https://cloud.example.com/apps/user_oidc/code")));
            api().body(NEXTCLOUD).post("/apps/oidc").then().statusCode(200).body("status", equalTo("unchanged"))
                    .body("replacedRedirectUris", equalTo(List.of()));
            logged = logs.lines();
        }
        assertThat(logged).filteredOn(l -> l.contains("oidc application 'nextcloud': redirect URIs")).hasSize(3)
                .last().asString().contains("are now [https://nc.example.com/apps/user_oidc/code]")
                .contains("replacing [https://cloud.example.com/apps/user_oidc/code]");
    }

    /** An Immich provider made before the fix holds the guide's two-slash mobile URI: the next call replaces it. */
    @Test
    void immichsMobileCallbackHasThreeSlashesAndAnOldProviderConvergesToIt() {
        String immich = PRESETS.get("immich");
        api().body(immich).post("/apps/oidc").then().statusCode(201);
        JsonNode provider = provider("immich");
        assertThat(provider.get("redirect_uris").toString()).contains("\"app.immich:///oauth-callback\"")
                .doesNotContain("app.immich://oauth-callback\"");
        ObjectNode old = JSON.createObjectNode();
        old.putArray("redirect_uris").addObject().put("matching_mode", "strict").put("url", "app.immich://oauth-callback");
        emulator.patch("/providers/oauth2/" + provider.get("pk").asText() + "/", old);

        api().body(immich).post("/apps/oidc").then().statusCode(200).body("status", equalTo("updated"))
                .body("changes.find { it.kind == 'oauth2-provider' }.fields", equalTo(List.of("redirect_uris")))
                .body("replacedRedirectUris.url", equalTo(List.of("app.immich://oauth-callback")))
                .body("redirectUris.url", hasItem("app.immich:///oauth-callback"));
        assertThat(provider("immich").get("redirect_uris").toString()).contains("app.immich:///oauth-callback");
    }

    /** A "Nextcloud Profile" made with the seed's user.ak_groups (deprecated in 2026.2) converges to user.groups. */
    @Test
    void anOldNextcloudProfileConvergesToTheNonDeprecatedGroups() {
        api().body(NEXTCLOUD).post("/apps/oidc").then().statusCode(201);
        JsonNode mapping = emulator.list("/propertymappings/provider/scope/?name=Nextcloud%20Profile").getFirst();
        assertThat(mapping.get("expression").asText()).contains("user.groups.all()").doesNotContain("ak_groups");
        emulator.patch("/propertymappings/provider/scope/" + mapping.get("pk").asText() + "/",
                JSON.createObjectNode().put("expression", mapping.get("expression").asText()
                        .replace("user.groups.all()", "user.ak_groups.all()")));
        emulator.calls().clear();

        api().body(NEXTCLOUD).post("/apps/oidc").then().statusCode(200).body("status", equalTo("updated"))
                .body("changes.findAll { it.action != 'none' }.kind", equalTo(List.of("scope-mapping")))
                .body("changes.find { it.kind == 'scope-mapping' }.fields", equalTo(List.of("expression")));
        assertThat(emulator.calls().writes()).isEqualTo(1);
        assertThat(emulator.get("/propertymappings/provider/scope/" + mapping.get("pk").asText() + "/")
                .get("expression").asText()).doesNotContain("ak_groups");
    }

    // ---- Nextcloud ------------------------------------------------------------------------------------------

    @Test
    void nextcloudHasExactlyTheSeedsMappingsOneGateAndNoUsernameChanges() {
        emulator.patch("/admin/settings/", JSON.createObjectNode().put("default_user_change_username", true));
        api().body(NEXTCLOUD).post("/apps/oidc").then().statusCode(201)
                .body("changes.find { it.kind == 'settings' }.fields", equalTo(List.of("default_user_change_username")));

        JsonNode provider = provider("nextcloud");
        List<String> mappingNames = new ArrayList<>();
        provider.get("property_mappings").forEach(pk -> mappingNames.add(
                emulator.get("/propertymappings/provider/scope/" + pk.asText() + "/").get("name").asText()));
        assertThat(mappingNames).containsExactlyInAnyOrder("authentik default OAuth Mapping: OpenID 'openid'",
                "authentik default OAuth Mapping: OpenID 'email'", "authentik default OAuth Mapping: OpenID 'profile'",
                "Nextcloud Profile");
        assertThat(provider.get("sub_mode").asText()).isEqualTo("user_username");
        assertThat(provider.get("include_claims_in_id_token").asBoolean()).isTrue();
        assertThat(provider.get("client_type").asText()).isEqualTo("confidential");
        assertThat(provider.get("authorization_flow").asText()).isEqualTo(
                emulator.get("/flows/instances/default-provider-authorization-implicit-consent/").get("pk").asText());
        assertThat(provider.get("invalidation_flow").asText()).isEqualTo(
                emulator.get("/flows/instances/default-provider-invalidation-flow/").get("pk").asText());
        assertThat(provider.get("signing_key").asText()).isEqualTo(emulator.list(
                "/crypto/certificatekeypairs/?name=authentik%20Self-signed%20Certificate").getFirst().get("pk").asText());

        JsonNode app = emulator.get("/core/applications/nextcloud/");
        assertThat(app.get("name").asText()).isEqualTo("Nextcloud");
        assertThat(app.get("provider").asText()).isEqualTo(provider.get("pk").asText());
        List<JsonNode> bindings = emulator.list("/policies/bindings/?target=" + app.get("pk").asText());
        assertThat(bindings).singleElement().satisfies(b -> assertThat(b.get("group").asText())
                .isEqualTo(group("nextcloud Users").get("pk").asText()));
        assertThat(group("nextcloud Admins")).isNotNull();
        assertThat(emulator.get("/admin/settings/").get("default_user_change_username").asBoolean()).isFalse();
    }

    @Test
    void scopeMappingExpressionInAuthentikIsTheSeeds() {
        api().body(NEXTCLOUD).post("/apps/oidc").then().statusCode(201);
        JsonNode mapping = emulator.list("/propertymappings/provider/scope/?name=Nextcloud%20Profile").getFirst();
        assertThat(mapping.get("scope_name").asText()).isEqualTo("profile");
        assertThat(SeedText.normalised(mapping.get("expression").asText()))
                .isEqualTo(SeedText.normalised(SeedText.nextcloudProfileExpressionUpdated()));
    }

    // ---- setup per preset, field by field ---------------------------------------------------------------------

    @Test
    void nextcloudSetupIsTheOccCommandsWithTheRealCredentials() {
        JsonPath answer = api().body(NEXTCLOUD).post("/apps/oidc").then().statusCode(201).extract().jsonPath();
        JsonNode provider = provider("nextcloud");
        String id = provider.get("client_id").asText();
        String secret = provider.get("client_secret").asText();
        assertThat(answer.getString("issuer")).isEqualTo("https://auth.example.com/application/o/nextcloud/");
        assertThat(answer.getString("discoveryUrl"))
                .isEqualTo("https://auth.example.com/application/o/nextcloud/.well-known/openid-configuration");
        assertThat(answer.getString("setup.app")).isEqualTo("user_oidc");
        assertThat(answer.getList("setup.commands[0]", String.class)).containsExactly("php", "occ",
                "user_oidc:provider", "Authentik", "--clientid=" + id, "--clientsecret=" + secret,
                "--discoveryuri=https://auth.example.com/application/o/nextcloud/.well-known/openid-configuration",
                "--scope=openid email profile", "--unique-uid=0", "--mapping-uid=user_id", "--mapping-quota=quota",
                "--mapping-groups=groups", "--mapping-display-name=name", "--mapping-email=email",
                "--group-provisioning=1");
        assertThat(answer.getList("setup.commands[1]", String.class)).containsExactly("php", "occ",
                "config:app:set", "--value=0", "user_oidc", "allow_multiple_user_backends");
        assertThat(answer.getString("setup.shell[0]")).startsWith("php occ user_oidc:provider Authentik --clientid="
                + id + " --clientsecret=" + secret + " ").contains(" '--scope=openid email profile' ");
        assertThat(answer.getString("setup.shell[1]"))
                .isEqualTo("php occ config:app:set --value=0 user_oidc allow_multiple_user_backends");
    }

    @Test
    void synologySetupIsTheDsmFieldsWithTheRealCredentials() {
        JsonPath answer = api().body(PRESETS.get("synology")).post("/apps/oidc").then().statusCode(201).extract()
                .jsonPath();
        JsonNode provider = provider("nas");
        assertThat(provider.get("sub_mode").asText()).isEqualTo("user_username");
        assertThat(provider.get("redirect_uris").toString())
                .isEqualTo("[{\"matching_mode\":\"strict\",\"url\":\"https://nas.example.com/#/signin\"}]");
        assertThat(answer.getString("providerName")).isEqualTo("Synology Provider");
        assertThat(answer.getString("name")).isEqualTo("NAS");
        assertThat(answer.getString("setup.name")).isEqualTo("Authentik");
        assertThat(answer.getString("setup.wellknownUrl"))
                .isEqualTo("https://auth.example.com/application/o/nas/.well-known/openid-configuration");
        assertThat(answer.getString("setup.applicationId")).isEqualTo(provider.get("client_id").asText());
        assertThat(answer.getString("setup.applicationKey")).isEqualTo(provider.get("client_secret").asText());
        assertThat(answer.getString("setup.redirectUrl")).isEqualTo("https://nas.example.com/#/signin");
        assertThat(answer.getString("setup.authorizationScope")).isEqualTo("openid profile email");
        assertThat(answer.getString("setup.usernameClaim")).isEqualTo("preferred_username");
        assertThat(answer.getString("setup.note")).contains("DSM 7.2");
    }

    @Test
    void immichSetupIsItsConfigFileWithTheRealCredentials() {
        JsonPath answer = api().body(PRESETS.get("immich")).post("/apps/oidc").then().statusCode(201).extract()
                .jsonPath();
        JsonNode provider = provider("immich");
        List<String> redirects = new ArrayList<>();
        provider.get("redirect_uris").forEach(r -> redirects.add(r.get("matching_mode").asText() + " "
                + r.get("url").asText()));
        assertThat(redirects).containsExactly("strict https://immich.example.com/auth/login",
                "strict https://immich.example.com/user-settings", "strict app.immich:///oauth-callback");
        assertThat(answer.getBoolean("setup.configFile.oauth.enabled")).isTrue();
        assertThat(answer.getString("setup.configFile.oauth.issuerUrl"))
                .isEqualTo("https://auth.example.com/application/o/immich/");
        assertThat(answer.getString("setup.configFile.oauth.clientId")).isEqualTo(provider.get("client_id").asText());
        assertThat(answer.getString("setup.configFile.oauth.clientSecret"))
                .isEqualTo(provider.get("client_secret").asText());
        assertThat(answer.getBoolean("setup.configFile.oauth.autoLaunch")).isTrue();
        assertThat(answer.getString("setup.configFile.oauth.scope")).isEqualTo("openid email profile");
    }

    @Test
    void inventreeSetupIsTheSocialApplicationSettingsAndGroupMapWithTheRealCredentials() {
        JsonPath answer = api().body(PRESETS.get("inventree")).post("/apps/oidc").then().statusCode(201).extract()
                .jsonPath();
        JsonNode provider = provider("inventree");
        assertThat(provider.get("redirect_uris").toString()).isEqualTo("[{\"matching_mode\":\"strict\","
                + "\"url\":\"https://inventree.example.com/accounts/authentik/login/callback/\"},"
                + "{\"matching_mode\":\"strict\",\"url\":\"https://parts.example.com/accounts/authentik/login/callback/\"}]");
        assertThat(group("inventree Users")).isNotNull();
        assertThat(group("inventree Admins")).isNotNull();
        assertThat(emulator.list("/policies/bindings/?target="
                + emulator.get("/core/applications/inventree/").get("pk").asText())).as("the seed does not gate it")
                .isEmpty();
        assertThat(answer.getString("setup.adminUrl")).isEqualTo("https://inventree.example.com/admin/");
        assertThat(answer.getString("setup.socialApplication.provider")).isEqualTo("OpenID Connect");
        assertThat(answer.getString("setup.socialApplication.providerId")).isEqualTo("authentik");
        assertThat(answer.getString("setup.socialApplication.name")).isEqualTo("Authentik");
        assertThat(answer.getString("setup.socialApplication.clientId")).isEqualTo(provider.get("client_id").asText());
        assertThat(answer.getString("setup.socialApplication.secretKey"))
                .isEqualTo(provider.get("client_secret").asText());
        assertThat(answer.getMap("setup.socialApplication.settings"))
                .isEqualTo(Map.of("server_url", "https://auth.example.com/application/o/inventree/"));
        assertThat(answer.getMap("setup.ssoGroupMap"))
                .isEqualTo(Map.of("inventree Users", "Users", "inventree Admins", "Admins"));
        Map<String, Object> settings = answer.getMap("setup.settings");
        assertThat(settings).containsEntry("LOGIN_ENABLE_SSO", true).containsEntry("LOGIN_ENABLE_SSO_REG", true)
                .containsEntry("LOGIN_SIGNUP_SSO_AUTO", true).containsEntry("LOGIN_ENABLE_SSO_GROUP_SYNC", true)
                .containsEntry("SSO_REMOVE_GROUPS", true).containsEntry("LOGIN_ENABLE_REG", false)
                .containsEntry("SIGNUP_GROUP", "Users")
                .containsEntry("SSO_GROUP_MAP", "{\"inventree Users\": \"Users\", \"inventree Admins\": \"Admins\"}");
        assertThat(answer.getList("setup.groups")).containsExactly("Admins", "Users");
    }

    @Test
    void genericSetupIsTheEndpointsWithTheRealCredentials() {
        JsonPath answer = api().body(PRESETS.get("generic")).post("/apps/oidc").then().statusCode(201).extract()
                .jsonPath();
        JsonNode provider = provider("wiki");
        assertThat(provider.get("redirect_uris").toString()).isEqualTo("[{\"matching_mode\":\"strict\","
                + "\"url\":\"https://wiki.example.com/cb\"},{\"matching_mode\":\"regex\","
                + "\"url\":\"^https://wiki\\\\.example\\\\.com/.*$\"}]");
        assertThat(provider.get("sub_mode").asText()).isEqualTo("hashed_user_id");
        assertThat(provider.get("property_mappings")).hasSize(3);
        JsonNode app = emulator.get("/core/applications/wiki/");
        assertThat(emulator.list("/policies/bindings/?target=" + app.get("pk").asText())).singleElement()
                .satisfies(b -> assertThat(b.get("group").asText()).isEqualTo(group("wiki users").get("pk").asText()));
        assertThat(answer.getString("setup.issuer")).isEqualTo("https://auth.example.com/application/o/wiki/");
        assertThat(answer.getString("setup.discoveryUrl"))
                .isEqualTo("https://auth.example.com/application/o/wiki/.well-known/openid-configuration");
        assertThat(answer.getString("setup.clientId")).isEqualTo(provider.get("client_id").asText());
        assertThat(answer.getString("setup.clientSecret")).isEqualTo(provider.get("client_secret").asText());
        assertThat(answer.getString("setup.scope")).isEqualTo("openid profile offline_access");
        assertThat(answer.getString("setup.tokenUrl")).isEqualTo("https://auth.example.com/application/o/token/");
        assertThat(answer.getString("setup.jwksUrl")).isEqualTo("https://auth.example.com/application/o/wiki/jwks/");
    }

    // ---- GET ----------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = { "nextcloud", "synology", "immich", "inventree", "generic" })
    void getAnswersWhatThePostDidCredentialsIncluded(String preset) throws Exception {
        String posted = api().body(PRESETS.get(preset)).post("/apps/oidc").then().statusCode(201).extract().asString();
        emulator.calls().clear();
        String read = api().get("/apps/oidc/" + SLUGS.get(preset)).then().statusCode(200)
                .body("status", equalTo("unchanged")).extract().asString();
        assertThat(emulator.calls().writes()).isZero();
        boolean gated = JSON.readTree(posted).path("accessGroup").isTextual();
        assertThat(emulator.calls().reads()).as("application, provider, managed mappings, groups (and users when "
                + "gated, for the warning)").isEqualTo(gated ? 5 : 4);
        ObjectNode expected = (ObjectNode) JSON.readTree(posted);
        ObjectNode actual = (ObjectNode) JSON.readTree(read);
        if (gated) {
            assertThat(actual.path("warnings").path(0).asText()).contains("has no members");
        }
        for (ObjectNode body : List.of(expected, actual)) {
            body.remove(List.of("status", "changes", "authentikCalls"));
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void listShowsManagedOidcApplicationsWithoutSecrets() {
        api().body(NEXTCLOUD).post("/apps/oidc").then().statusCode(201);
        api().body(PRESETS.get("immich")).post("/apps/oidc").then().statusCode(201);
        api().body("{\"cookieDomain\": \"example.com\"}").put("/forward-auth").then().statusCode(201);
        String clientId = provider("immich").get("client_id").asText();
        api().get("/apps/oidc").then().statusCode(200)
                .body("apps.slug", equalTo(List.of("nextcloud", "immich")))
                .body("apps.preset", equalTo(List.of("nextcloud", "immich")))
                .body("apps.find { it.slug == 'immich' }.clientId", equalTo(clientId))
                .body("apps.find { it.slug == 'immich' }.clientSecret", nullValue())
                .body("apps.find { it.slug == 'nextcloud' }.issuer",
                        equalTo("https://auth.example.com/application/o/nextcloud/"));
    }

    @Test
    void getOfUnknownIsNotFoundAndOfSomeoneElsesIsConflict() {
        api().get("/apps/oidc/nope").then().statusCode(404).contentType("application/problem+json");
        emulator.create("/core/applications/", JSON.createObjectNode().put("name", "Manual").put("slug", "manual"));
        api().get("/apps/oidc/manual").then().statusCode(409).contentType("application/problem+json");
        api().delete("/apps/oidc/manual").then().statusCode(409).contentType("application/problem+json");
        api().delete("/apps/oidc/nope").then().statusCode(404).contentType("application/problem+json");
        assertThat(emulator.get("/core/applications/manual/")).isNotNull();
        assertThat(emulator.calls().writes()).isZero();
    }

    // ---- DELETE ----------------------------------------------------------------------------------------------

    @Test
    void deleteRemovesWhatNothingElseUsesAndKeepsSharedGroupsAndMapping() {
        api().body(NEXTCLOUD).post("/apps/oidc").then().statusCode(201);
        api().body("{\"preset\": \"nextcloud\", \"baseUrl\": \"https://nc2.example.com\", \"slug\": \"nc2\","
                + " \"name\": \"Nextcloud 2\"}").post("/apps/oidc").then().statusCode(201);

        api().delete("/apps/oidc/nc2").then().statusCode(200)
                .body("changes.findAll { it.action == 'delete' }.kind", equalTo(List.of("application", "oauth2-provider")))
                .body("kept.name", hasItem("nextcloud Users"))
                .body("kept.name", hasItem("nextcloud Admins"))
                .body("kept.name", hasItem("Nextcloud Profile"));
        assertThat(emulator.list("/core/applications/?slug=nc2&superuser_full_list=true")).isEmpty();
        assertThat(emulator.list("/providers/oauth2/?name=Nextcloud%202%20Provider")).isEmpty();
        assertThat(group("nextcloud Users").get("attributes").has("authentik-provisioner/oidc/nc2")).isFalse();
        assertThat(group("nextcloud Users").get("attributes").get("authentik-provisioner/oidc/nextcloud").asText())
                .isEqualTo("access");

        emulator.calls().clear();
        api().queryParam("dryRun", true).delete("/apps/oidc/nextcloud").then().statusCode(200)
                .body("status", equalTo("planned"));
        assertThat(emulator.calls().writes()).isZero();

        api().delete("/apps/oidc/nextcloud").then().statusCode(200).body("status", equalTo("deleted"))
                .body("changes.findAll { it.action == 'delete' }.kind", equalTo(List.of("application",
                        "oauth2-provider", "scope-mapping", "group", "group")))
                .body("kept", equalTo(List.of()));
        assertThat(emulator.list("/core/groups/?name=nextcloud%20Users")).isEmpty();
        assertThat(emulator.list("/propertymappings/provider/scope/?name=Nextcloud%20Profile")).isEmpty();
        assertThat(emulator.list("/propertymappings/provider/scope/?managed=goauthentik.io/providers/oauth2/scope-openid"))
                .as("authentik's own mappings stay").hasSize(1);
        api().get("/apps/oidc/nextcloud").then().statusCode(404);
    }

    @Test
    void deleteKeepsAGroupThatHasMembers() {
        api().body(NEXTCLOUD).post("/apps/oidc").then().statusCode(201);
        JsonNode akadmin = emulator.list("/core/users/?username=akadmin").getFirst();
        ObjectNode members = JSON.createObjectNode();
        members.putArray("users").add(akadmin.get("pk").asInt());
        emulator.patch("/core/groups/" + group("nextcloud Admins").get("pk").asText() + "/", members);
        api().delete("/apps/oidc/nextcloud").then().statusCode(200)
                .body("kept.find { it.name == 'nextcloud Admins' }.reason", equalTo("has members"));
        assertThat(group("nextcloud Admins").get("attributes").size()).isZero();
        assertThat(emulator.list("/core/groups/?name=nextcloud%20Users")).isEmpty();
    }

    // ---- adoption, gates, dry run ------------------------------------------------------------------------------

    @Test
    void anApplicationSetUpByHandKeepsItsProviderAndCredentials() {
        String implicit = emulator.get("/flows/instances/default-provider-authorization-implicit-consent/")
                .get("pk").asText();
        String invalidation = emulator.get("/flows/instances/default-provider-invalidation-flow/").get("pk").asText();
        ObjectNode body = JSON.createObjectNode().put("name", "Nextcloud").put("authorization_flow", implicit)
                .put("invalidation_flow", invalidation);
        body.putArray("redirect_uris").addObject().put("matching_mode", "strict").put("url", "https://old/x");
        JsonNode manual = emulator.create("/providers/oauth2/", body);
        emulator.create("/core/applications/", JSON.createObjectNode().put("name", "Nextcloud").put("slug",
                "nextcloud").put("provider", manual.get("pk").asInt()));

        api().body(NEXTCLOUD).post("/apps/oidc").then().statusCode(201)
                .body("providerName", equalTo("Nextcloud"))
                .body("clientId", equalTo(manual.get("client_id").asText()))
                .body("clientSecret", equalTo(manual.get("client_secret").asText()))
                .body("changes.find { it.kind == 'oauth2-provider' }.action", equalTo("update"));
        assertThat(emulator.list("/providers/oauth2/")).hasSize(1);

        // asked for by name, it is renamed in place: still the one provider, with the same credentials
        api().body(NEXTCLOUD.replace("}", ", \"providerName\": \"Other\"}")).post("/apps/oidc").then()
                .statusCode(200).body("providerName", equalTo("Other"))
                .body("clientId", equalTo(manual.get("client_id").asText()));
        assertThat(emulator.list("/providers/oauth2/")).singleElement()
                .satisfies(p -> assertThat(p.get("name").asText()).isEqualTo("Other"));
        api().body("{\"cookieDomain\": \"example.com\"}").put("/forward-auth").then().statusCode(201);
        api().body("{\"preset\": \"generic\", \"name\": \"Traefik\", \"redirectUris\": [\"https://t/cb\"]}")
                .post("/apps/oidc").then().statusCode(409).contentType("application/problem+json");
    }

    /** ?managed= with a value no mapping has is a 400 upstream (providers/oauth2/api/scopes.py AllValuesMultipleFilter). */
    @Test
    void aMissingManagedScopeMappingIsTheDocumentedConflictWithoutAskingForIt() {
        JsonNode offline = emulator.list("/propertymappings/provider/scope/?managed__isnull=false").stream()
                .filter(m -> m.get("managed").asText().endsWith("scope-offline_access")).findFirst().orElseThrow();
        emulator.direct("DELETE", "/propertymappings/provider/scope/" + offline.get("pk").asText() + "/", null);
        emulator.calls().clear();

        api().body(PRESETS.get("generic")).post("/apps/oidc").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("scope-offline_access"));
        assertThat(emulator.calls().all()).noneMatch(c -> c.query() != null && c.query().contains("managed="));
        assertThat(emulator.calls().writes()).isZero();
    }

    /** authentik matches regex redirect URIs with Python's re (providers/oauth2): no Java-only syntax. */
    @Test
    void aRedirectRegexPythonCannotCompileIsRejectedNamingTheConstruct() {
        api().body("{\"preset\": \"generic\", \"name\": \"Wiki\", \"redirectUris\": "
                + "[{\"regex\": \"^https://(?<host>[a-z]+)\\\\.example\\\\.com/.*$\"}]}")
                .post("/apps/oidc").then().statusCode(400).contentType("application/problem+json")
                .body("errors.message", hasItem(containsString("named group")));
        assertThat(emulator.calls().all()).isEmpty();
    }

    /** authentik stores names trimmed (DRF CharField): an outer space would make a name never found again. */
    @Test
    void namesWithOuterWhitespaceAreRejectedNamingTheField() {
        api().body(PRESETS.get("generic").replace("\"wiki users\"", "\" wiki users\"")).post("/apps/oidc").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("accessGroup")).body("errors.message", hasItem(containsString("trimmed")));
        api().body("{\"preset\": \"generic\", \"name\": \"Wiki \", \"redirectUris\": [\"https://w/cb\"]}")
                .post("/apps/oidc").then().statusCode(400).body("errors.field", hasItem("name"));
        assertThat(emulator.calls().all()).isEmpty();
    }

    /** /providers/oauth2/ lists proxy providers too (authentik/providers/oauth2/api/providers.py queryset). */
    @Test
    void aProxyProviderOfTheSameNameIsAConflictNotAnOAuth2ProviderToChange() {
        String flow = emulator.get("/flows/instances/default-provider-authorization-implicit-consent/").get("pk").asText();
        String invalidation = emulator.get("/flows/instances/default-provider-invalidation-flow/").get("pk").asText();
        JsonNode proxy = emulator.create("/providers/proxy/", JSON.createObjectNode().put("name", "Wiki Provider")
                .put("mode", "forward_single").put("external_host", "https://wiki.example.com")
                .put("authorization_flow", flow).put("invalidation_flow", invalidation));
        assertThat(emulator.list("/providers/oauth2/?name=Wiki%20Provider")).as("listed as an OAuth2 row")
                .singleElement().satisfies(p -> assertThat(p.get("pk")).isEqualTo(proxy.get("pk")));
        emulator.calls().clear();

        api().body(PRESETS.get("generic")).post("/apps/oidc").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("proxy provider"));
        assertThat(emulator.calls().writes()).isZero();
        assertThat(emulator.get("/providers/proxy/" + proxy.get("pk").asText() + "/").get("mode").asText())
                .isEqualTo("forward_single");
    }

    @Test
    void changingTheAccessGroupMovesTheGate() {
        String body = PRESETS.get("generic");
        api().body(body).post("/apps/oidc").then().statusCode(201);
        api().body(body.replace("wiki users", "wiki editors")).post("/apps/oidc").then().statusCode(201)
                .body("changes.find { it.kind == 'policy-binding' && it.action == 'delete' }.name",
                        equalTo("wiki → wiki users"));
        JsonNode app = emulator.get("/core/applications/wiki/");
        assertThat(emulator.list("/policies/bindings/?target=" + app.get("pk").asText())).singleElement()
                .satisfies(b -> assertThat(b.get("group").asText()).isEqualTo(group("wiki editors").get("pk").asText()));
        assertThat(group("wiki users").get("attributes").size()).isZero();
    }

    @Test
    void dryRunOnAFreshInstallPlansEverythingAndWritesNothing() {
        api().body(NEXTCLOUD).queryParam("dryRun", true).post("/apps/oidc").then().statusCode(200)
                .body("status", equalTo("planned"))
                .body("changes.kind", equalTo(List.of("group", "group", "scope-mapping", "oauth2-provider",
                        "application", "policy-binding", "settings")))
                .body("changes.action", equalTo(List.of("create", "create", "create", "create", "create", "create",
                        "none")))
                .body("clientId", nullValue()).body("setup", nullValue())
                .body("authentikCalls.writes", equalTo(0));
        assertThat(emulator.calls().writes()).isZero();
        assertThat(emulator.list("/providers/oauth2/")).isEmpty();
    }

    // ---- bad input ---------------------------------------------------------------------------------------------

    @Test
    void badInputIsRejectedNamingTheFieldWithoutCallingAuthentik() {
        badRequest("{\"preset\": \"owncloud\", \"baseUrl\": \"https://nc.example.com\"}", "preset");
        badRequest("{\"baseUrl\": \"https://nc.example.com\"}", "preset");
        badRequest("{\"preset\": \"generic\", \"name\": \"Wiki\"}", "redirectUris");
        badRequest("{\"preset\": \"generic\", \"redirectUris\": [\"https://w/cb\"]}", "name");
        badRequest("{\"preset\": \"nextcloud\", \"baseUrl\": \"http://nc.example.com\"}", "baseUrl");
        badRequest("{\"preset\": \"nextcloud\"}", "baseUrl");
        badRequest("{\"preset\": \"nextcloud\", \"baseUrl\": \"nc.example.com\"}", "baseUrl");
        badRequest("{\"preset\": \"nextcloud\", \"baseUrl\": \"https://nc.example.com?x=1\"}", "baseUrl");
        badRequest("{\"preset\": \"inventree\", \"baseUrl\": \"https://i.example.com\","
                + " \"additionalBaseUrls\": [\"https://ok.example.com\", \"http://parts\"]}", "additionalBaseUrls[1]");
        badRequest("{\"preset\": \"generic\", \"name\": \"W\", \"redirectUris\": [{\"regex\": \"([\"}]}",
                "redirectUris[0].regex");
        badRequest("{\"preset\": \"generic\", \"name\": \"W\", \"redirectUris\": [\"https://w/cb\", \"http://w/cb\"]}",
                "redirectUris[1]");
        badRequest("{\"preset\": \"generic\", \"name\": \"W\", \"redirectUris\": [{\"url\": \"https://w\","
                + " \"regex\": \"x\"}]}", "redirectUris[0]");
        badRequest("{\"preset\": \"generic\", \"name\": \"W\", \"redirectUris\": [\"https://w/cb\"],"
                + " \"scopes\": [\"openid\", \"admin\"]}", "scopes[1]");
        badRequest("{\"preset\": \"generic\", \"name\": \"W\", \"redirectUris\": [\"https://w/cb\"],"
                + " \"scopes\": [\"email\"]}", "scopes");
        badRequest("{\"preset\": \"immich\", \"baseUrl\": \"https://i.example.com\", \"slug\": \"token\"}", "slug");
        badRequest("{\"preset\": \"nextcloud\", \"baseUrl\": \"https://nc.example.com\", \"adminGroup\":"
                + " \"nextcloud Users\"}", "adminGroup");
        badRequest("{\"preset\": \"inventree\", \"baseUrl\": \"https://i.example.com\", \"adminGroup\":"
                + " \"inventree Users\"}", "adminGroup");
        badRequest("{\"preset\": \"nextcloud\", \"baseUrl\": \"https://nc.example.com\", \"clientSecret\": \"x\"}",
                "clientSecret");
        assertThat(emulator.calls().all()).isEmpty();
    }

    @Test
    void httpIsAcceptedWhenAllowed() {
        api().body("{\"preset\": \"immich\", \"baseUrl\": \"http://immich.lan:2283\", \"allowHttp\": true}")
                .post("/apps/oidc").then().statusCode(201)
                .body("setup.configFile.oauth.issuerUrl", equalTo("https://auth.example.com/application/o/immich/"))
                .body("redirectUris.url", hasItem("http://immich.lan:2283/auth/login"));
    }

    private void badRequest(String body, String field) {
        api().body(body).post("/apps/oidc").then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItem(field));
    }

    // ---- secrets -------------------------------------------------------------------------------------------

    @Test
    void clientSecretsAreNeverLogged() {
        String secret;
        List<String> logged;
        try (LogCapture logs = new LogCapture()) {
            secret = api().body(NEXTCLOUD).post("/apps/oidc").then().statusCode(201).extract().path("clientSecret");
            api().body(NEXTCLOUD.replace("nc.", "cloud.")).post("/apps/oidc").then().statusCode(200);
            api().get("/apps/oidc/nextcloud").then().statusCode(200);
            api().get("/apps/oidc").then().statusCode(200);
            api().delete("/apps/oidc/nextcloud").then().statusCode(200);
            logged = logs.lines();
        }
        assertThat(logged).as("the calls were logged").anyMatch(l -> l.contains("oauth2-provider"));
        assertThat(secret).hasSize(128);
        assertThat(logged).noneMatch(l -> l.contains(secret));
    }

    @Test
    void theContractMarksTheAnswersThatCarrySecrets() throws Exception {
        JsonNode spec = JSON.readTree(given().auth().oauth2(API_TOKEN).queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString());
        JsonNode schemas = spec.get("components").get("schemas");
        assertThat(schemas.at("/OidcAppResult/x-sensitive").asBoolean()).isTrue();
        assertThat(schemas.at("/OidcAppResult/properties/clientSecret/x-sensitive").asBoolean()).isTrue();
        assertThat(schemas.at("/OidcAppResult/properties/clientSecret/description").asText()).contains("never log");
        assertThat(schemas.at("/SynologySetup/properties/applicationKey/x-sensitive").asBoolean()).isTrue();
        assertThat(schemas.at("/ImmichOAuth/properties/clientSecret/x-sensitive").asBoolean()).isTrue();
        assertThat(schemas.at("/InventreeSocialApplication/properties/secretKey/x-sensitive").asBoolean()).isTrue();
        assertThat(schemas.at("/GenericSetup/properties/clientSecret/x-sensitive").asBoolean()).isTrue();
        assertThat(spec.at("/paths/~1apps~1oidc/post/x-sensitive").asBoolean()).isTrue();
        assertThat(spec.at("/paths/~1apps~1oidc~1{slug}/get/x-sensitive").asBoolean()).isTrue();
        assertThat(spec.at("/paths/~1apps~1oidc/get/x-sensitive").isMissingNode()).as("the list has no secrets")
                .isTrue();
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private JsonNode provider(String slug) {
        JsonNode app = emulator.get("/core/applications/" + slug + "/");
        return emulator.get("/providers/oauth2/" + app.get("provider").asText() + "/");
    }

    private JsonNode group(String name) {
        List<JsonNode> found = emulator.list("/core/groups/?name=" + name.replace(" ", "%20"));
        assertThat(found).as("group " + name).hasSize(1);
        return found.getFirst();
    }
}
