package io.github.authentikprovisioner;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.authentik.CurrentToken;
import io.github.authentikprovisioner.emulator.AuthentikEmulator;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Base of the API tests: a fresh authentik (emulator) before each test, and a failure after it when any call of the
 * test violated authentik's API schema.
 */
public abstract class ApiTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The PROVISIONER_API_TOKEN of the test profile. */
    public static final String API_TOKEN = "test-api-token-0123456789abcdef0123456789";
    /** The AUTHENTIK_SERVICE_TOKEN of the test profile: the service's own key once handed over. */
    public static final String SERVICE_TOKEN = "test-service-token-not-a-secret-0123456789";

    @Inject
    protected AuthentikEmulator emulator;
    @Inject
    protected CurrentToken currentToken;

    @jakarta.inject.Inject
    protected MovableClock clock;

    /**
     * A fresh authentik, and the service back on the token it starts with: a fresh authentik knows only the bootstrap
     * token, not a service account a previous test may have handed over to.
     */
    @BeforeEach
    void freshAuthentik() {
        emulator.reset();
        currentToken.reset();
        clock.reset();
    }

    /**
     * The service on its own token, as after its first start in production (the hand-over of POST
     * /bootstrap/service-account), with the calls that took forgotten.
     */
    protected void handOverToServiceAccount() {
        api().post("/bootstrap/service-account").then()
                .statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.equalTo(200),
                        org.hamcrest.Matchers.equalTo(201)));
        emulator.calls().clear();
    }

    /** A fresh install again, the service handed over to its own token on it, as in production after start. */
    protected void freshInstallHandedOver() {
        emulator.reset();
        currentToken.reset();
        handOverToServiceAccount();
    }

    @AfterEach
    void noSchemaViolations() {
        assertThat(emulator.violations()).as("authentik API schema violations").isEmpty();
    }

    /** A request with this service's bearer token and a JSON body type. */
    protected static RequestSpecification api() {
        return given().auth().oauth2(API_TOKEN).contentType(ContentType.JSON);
    }

    /** The request body of a Servarr app named after its slug. */
    protected static String servarrApp(String slug, String password) {
        String name = Character.toUpperCase(slug.charAt(0)) + slug.substring(1);
        return """
                {"name": "%s", "slug": "%s", "externalHost": "https://%s.example.com", "username": "admin",
                 "password": "%s", "unauthenticatedPaths": ["^/api/.*"]}""".formatted(name, slug, slug, password);
    }

    /** Deletes the object named {@code name} under the emulator's list {@code path}, as an admin would. */
    protected void deleteByName(String path, String name) {
        JsonNode o = emulator.list(path + "?name=" + name).getFirst();
        emulator.direct("DELETE", path + o.get("pk").asText() + "/", null);
    }

    /** Creates a user in the emulator; {@code admin} puts it in authentik Admins. */
    protected void user(String username, String type, boolean admin) {
        ObjectNode body = JSON.createObjectNode().put("username", username).put("name", username).put("type", type)
                .put("email", username + "@example.com");
        if (admin) {
            body.putArray("groups").add(emulator.list("/core/groups/?name=authentik%20Admins").getFirst().get("pk")
                    .asText());
        }
        emulator.create("/core/users/", body);
    }

    /** The usernames of a group's members, as the emulator answers them. */
    protected static List<String> usernames(JsonNode group) {
        List<String> out = new ArrayList<>();
        group.get("users_obj").forEach(u -> out.add(u.get("username").asText()));
        return out;
    }

    /** A PUT of {@code body} to {@code path} answers 400 problem+json naming {@code field}. */
    protected static void assertBadPut(String path, String body, String field) {
        api().body(body).put(path).then().statusCode(400).contentType("application/problem+json")
                .body("status", org.hamcrest.Matchers.equalTo(400))
                .body("errors.field", org.hamcrest.Matchers.hasItem(field));
    }
}
