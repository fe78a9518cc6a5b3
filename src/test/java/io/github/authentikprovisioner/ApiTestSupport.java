package io.github.authentikprovisioner;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.github.authentikprovisioner.emulator.AuthentikEmulator;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Base of the API tests: a fresh authentik (emulator) before each test, and a failure after it when any call of the
 * test violated authentik's API schema.
 */
public abstract class ApiTestSupport {

    /** The PROVISIONER_API_TOKEN of the test profile. */
    public static final String API_TOKEN = "test-api-token-0123456789abcdef0123456789";

    @Inject
    protected AuthentikEmulator emulator;

    @BeforeEach
    void freshAuthentik() {
        emulator.reset();
    }

    @AfterEach
    void noSchemaViolations() {
        assertThat(emulator.violations()).as("authentik API schema violations").isEmpty();
    }

    /** A request with this service's bearer token and a JSON body type. */
    protected static RequestSpecification api() {
        return given().auth().oauth2(API_TOKEN).contentType(ContentType.JSON);
    }
}
