package io.github.authentikprovisioner.access;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.github.authentikprovisioner.ApiTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Who may call what: every operation of the committed contract, called by a client of each scope, is allowed exactly
 * when the operation's security lists that scope ({@code {slug}} being the slug the call names), and a refused call is
 * a 403 problem+json naming the scopes that would do, with no write to authentik.
 */
@QuarkusTest
@TestProfile(ClientsFileProfile.class)
class AccessTest extends ApiTestSupport {

    private static final String ADMIN = "test-api-token-0123456789abcdef0123456789";
    /** A call per operation: its path with ids filled in, and a body that passes validation. */
    private static final Map<String, String[]> CALLS = new LinkedHashMap<>();

    static {
        call("PUT /admins/{username}", "/admins/bob", "{\"name\": \"Bob\", \"password\": \"bob-password-long\"}");
        call("GET /apps/oidc", "/apps/oidc", null);
        call("POST /apps/oidc", "/apps/oidc", "{\"preset\": \"nextcloud\", \"baseUrl\": \"https://nc.example.com\"}");
        call("GET /apps/oidc/{slug}", "/apps/oidc/nextcloud", null);
        call("DELETE /apps/oidc/{slug}", "/apps/oidc/nextcloud", null);
        call("PUT /apps/protected", "/apps/protected", "{\"name\": \"App\", \"slug\": \"app\", "
                + "\"externalHost\": \"https://app.example.com\", \"accessGroup\": \"Family\"}");
        call("GET /apps/servarr", "/apps/servarr", null);
        call("POST /apps/servarr", "/apps/servarr", "{\"name\": \"Sonarr\", \"slug\": \"sonarr\", "
                + "\"externalHost\": \"https://sonarr.example.com\", \"username\": \"admin\", \"password\": \"pw\"}");
        call("GET /apps/servarr/{slug}", "/apps/servarr/sonarr", null);
        call("DELETE /apps/servarr/{slug}", "/apps/servarr/sonarr", null);
        call("POST /bootstrap/service-account", "/bootstrap/service-account", null);
        call("POST /desired-state", "/desired-state", "[]");
        call("GET /desired-state/last-run", "/desired-state/last-run", null);
        call("POST /email/test", "/email/test", "{\"to\": \"someone@example.com\"}");
        call("PUT /forward-auth", "/forward-auth", "{\"cookieDomain\": \"example.com\"}");
        call("GET /invitations", "/invitations", null);
        call("POST /invitations", "/invitations", "{\"name\": \"for-bob\"}");
        call("DELETE /invitations/{id}", "/invitations/0f5ad1c4-4a7c-4a53-9c5b-6c9e2c2b7f10", null);
        call("PUT /login", "/login", "{\"passwordOnIdentificationPage\": true}");
        call("GET /outposts/health", "/outposts/health", null);
        call("PUT /security/invitation-enrollment", "/security/invitation-enrollment", "{\"group\": \"Family\"}");
        call("PUT /security/mfa", "/security/mfa", "{\"deviceClasses\": [\"totp\"], \"enforce\": true}");
        call("PUT /security/password-policy", "/security/password-policy", "{\"minLength\": 12}");
        call("PUT /security/recovery", "/security/recovery", "{\"emailSubject\": \"recover\"}");
        call("GET /traefik/dynamic-config", "/traefik/dynamic-config", null);
        call("GET /users", "/users", null);
        call("GET /users/{username}", "/users/akadmin", null);
        call("PUT /users/{username}", "/users/bob", "{\"name\": \"Bob\"}");
        call("DELETE /users/{username}", "/users/bob", null);
        call("GET /users/{username}/access", "/users/akadmin/access", null);
        call("GET /users/{username}/access/{slug}", "/users/akadmin/access/nothing", null);
    }

    private static void call(String operation, String path, String body) {
        CALLS.put(operation, new String[] { path, body });
    }

    @AfterEach
    void originalClients() {
        ClientsFileProfile.write(ClientsFileProfile.FILE, ClientsFileProfile.TOKENS);
        touch(Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(2));
    }

    @Test
    void everyOperationTimesEveryScopeIsAllowedExactlyWhenTheContractSaysSo() throws Exception {
        JsonNode contract = new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi/provisioner.yaml").toFile());
        List<String> operations = new ArrayList<>();
        contract.path("paths").properties().forEach(p -> p.getValue().properties().forEach(m -> {
            if (m.getValue().has("security")) {
                operations.add(m.getKey().toUpperCase() + " " + p.getKey());
            }
        }));
        assertThat(CALLS.keySet()).as("a call for every operation of the contract").containsExactlyInAnyOrderElementsOf(
                operations);
        Map<String, String> clients = new LinkedHashMap<>(ClientsFileProfile.TOKENS);
        clients.put("admin", ADMIN);
        List<String> wrong = new ArrayList<>();
        int refused = 0;
        for (String operation : operations) {
            String[] method = operation.split(" ", 2);
            List<String> scopes = new ArrayList<>();
            String slug = slugOf(CALLS.get(operation));
            contract.at("/paths/" + method[1].replace("/", "~1") + "/" + method[0].toLowerCase() + "/security/0")
                    .path("provisionerToken").forEach(s -> scopes.add(s.asText().replace("{slug}", slug)));
            for (Map.Entry<String, String> client : clients.entrySet()) {
                long writes = emulator.calls().writes();
                Response r = send(client.getValue(), method[0], CALLS.get(operation));
                boolean allowed = scopes.contains(client.getKey());
                if (!allowed) {
                    refused++;
                    if (r.statusCode() != 403 || !String.valueOf(r.contentType()).startsWith("application/problem+json")
                            || !r.jsonPath().getString("detail").contains(scopes.getFirst())) {
                        wrong.add(operation + " as " + client.getKey() + ": " + r.statusCode() + ", not a 403 naming "
                                + scopes);
                    }
                    if (emulator.calls().writes() != writes) {
                        wrong.add(operation + " as " + client.getKey() + ": refused, yet authentik was written to");
                    }
                } else if (r.statusCode() == 401 || r.statusCode() == 403) {
                    wrong.add(operation + " as " + client.getKey() + ": " + r.statusCode() + ", although " + scopes
                            + " lets it in");
                }
            }
        }
        System.out.printf("access: %d operations x %d clients, %d refused%n", operations.size(), clients.size(),
                refused);
        assertThat(wrong).isEmpty();
    }

    /** The case: Traefik's token and a Nextcloud container's token do only their own job. */
    @Test
    void traefikAndNextcloudTokensDoTheirJobAndNothingElse() {
        String traefik = ClientsFileProfile.TOKENS.get("traefik");
        String nextcloud = ClientsFileProfile.TOKENS.get("apps/oidc/nextcloud");
        given().auth().oauth2(traefik).get("/traefik/dynamic-config").then().statusCode(200)
                .header("Provisioner-Client", "traefik");
        given().auth().oauth2(traefik).contentType("application/json").body(CALLS.get("POST /apps/servarr")[1])
                .post("/apps/servarr").then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("apps/servarr/sonarr")).body("errors.field", hasItem("scope"));
        given().auth().oauth2(nextcloud).contentType("application/json").body(CALLS.get("POST /apps/oidc")[1])
                .post("/apps/oidc").then().statusCode(201).body("slug", equalTo("nextcloud"));
        long writes = emulator.calls().writes();
        given().auth().oauth2(nextcloud).contentType("application/json")
                .body("{\"preset\": \"immich\", \"baseUrl\": \"https://immich.example.com\"}").post("/apps/oidc")
                .then().statusCode(403).body("detail", containsString("apps/oidc/immich"));
        given().auth().oauth2(nextcloud).contentType("application/json").body("{\"name\": \"X\"}").put("/admins/x")
                .then().statusCode(403).body("detail", containsString("admin"));
        assertThat(emulator.calls().writes()).isEqualTo(writes);
    }

    @Test
    void anUnknownTokenIsA401ProblemAndHealthStaysOpen() {
        given().auth().oauth2("no-such-token-0123456789abcdef0123456789").get("/traefik/dynamic-config").then()
                .statusCode(401).contentType("application/problem+json").header("WWW-Authenticate",
                        containsString("Bearer"));
        given().get("/apps/oidc").then().statusCode(401).contentType("application/problem+json");
        given().get("/q/metrics").then().statusCode(401);
        given().auth().oauth2(ClientsFileProfile.TOKENS.get("traefik")).get("/q/metrics").then().statusCode(403);
        given().auth().oauth2(ClientsFileProfile.TOKENS.get("read")).get("/q/metrics").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
    }

    /** A token is rotated by adding the new hash and removing the old one: no restart. */
    @Test
    void aRotatedTokenTakesEffectWithoutARestart() {
        String old = ClientsFileProfile.TOKENS.get("traefik");
        String rotated = "client-token-not-a-secret-traefik-rotated-0123456789";
        Map<String, String> tokens = new LinkedHashMap<>(ClientsFileProfile.TOKENS);
        tokens.put("traefik", rotated);
        ClientsFileProfile.write(ClientsFileProfile.FILE, tokens);
        touch(Duration.ofSeconds(5));
        clock.advance(Duration.ofSeconds(2)); // the file is looked at at most once a second
        given().auth().oauth2(rotated).get("/traefik/dynamic-config").then().statusCode(200);
        given().auth().oauth2(old).get("/traefik/dynamic-config").then().statusCode(401);

        // a file that no longer parses keeps the clients read before
        write("not: [a list");
        touch(Duration.ofSeconds(8));
        clock.advance(Duration.ofSeconds(2));
        given().auth().oauth2(rotated).get("/traefik/dynamic-config").then().statusCode(200);
    }

    /** Every write and every refusal is one audit line naming the client; reads that pass are not. */
    @Test
    void writesAndRefusalsAreAuditedWithTheClientNeverAValue() {
        List<String> lines;
        try (io.github.authentikprovisioner.LogCapture logs = new io.github.authentikprovisioner.LogCapture()) {
            given().auth().oauth2(ClientsFileProfile.TOKENS.get("apps/servarr/sonarr")).contentType("application/json")
                    .body(CALLS.get("POST /apps/servarr")[1]).post("/apps/servarr").then().statusCode(201);
            given().auth().oauth2(ClientsFileProfile.TOKENS.get("read")).get("/apps/servarr").then().statusCode(200);
            given().auth().oauth2(ClientsFileProfile.TOKENS.get("read")).contentType("application/json")
                    .body("{\"cookieDomain\": \"example.com\"}").put("/forward-auth").then().statusCode(403);
            lines = logs.lines().stream().filter(l -> l.contains("client=")).toList();
        }
        assertThat(lines).hasSize(2);
        assertThat(lines.getFirst()).contains("client=apps-servarr-sonarr POST /apps/servarr -> 201")
                .contains("create proxy-provider 'Sonarr Provider'").doesNotContain("pw");
        assertThat(lines.getLast()).contains("client=read PUT /forward-auth -> 403");
    }

    private static Response send(String token, String method, String[] call) {
        var request = given().auth().oauth2(token).queryParam("dryRun", true);
        if (call[1] != null) {
            request = request.contentType("application/json").body(call[1]);
        }
        return request.request(method, call[0]);
    }

    private static String slugOf(String[] call) {
        String path = call[0];
        if (path.matches("/apps/\\w+/[^/]+")) {
            return path.substring(path.lastIndexOf('/') + 1);
        }
        if (call[1] != null && call[1].contains("\"preset\": \"nextcloud\"")) {
            return "nextcloud";
        }
        var slug = java.util.regex.Pattern.compile("\"slug\": \"([^\"]+)\"").matcher(call[1] == null ? "" : call[1]);
        return slug.find() ? slug.group(1) : "";
    }

    private static void write(String text) {
        try {
            Files.writeString(ClientsFileProfile.FILE, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void touch(Duration ahead) {
        try {
            Files.setLastModifiedTime(ClientsFileProfile.FILE, FileTime.from(Instant.now().plus(ahead)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
