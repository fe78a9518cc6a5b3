package io.github.authentikprovisioner.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.github.authentikprovisioner.ApiTestSupport;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The committed contract {@code openapi/provisioner.yaml} must equal what the service serves. Regenerate it with
 * {@code ./mvnw test -Dtest=OpenApiContractTest -Dopenapi.write=true} after changing the API.
 */
@QuarkusTest
class OpenApiContractTest extends ApiTestSupport {

    private static final Path CONTRACT = Path.of("openapi/provisioner.yaml");

    @Test
    void committedContractIsCurrent() throws Exception {
        String served = given().auth().oauth2(API_TOKEN).queryParam("format", "yaml").get("/q/openapi")
                .then().statusCode(200).extract().asString();
        if (Boolean.getBoolean("openapi.write")) {
            Files.writeString(CONTRACT, served);
        }
        assertThat(Files.exists(CONTRACT)).as(CONTRACT + " exists").isTrue();
        assertThat(Files.readString(CONTRACT))
                .as("openapi/provisioner.yaml is stale: run ./mvnw test -Dtest=OpenApiContractTest -Dopenapi.write=true")
                .isEqualTo(served);
    }

    @Test
    void everyOperationDocumentsItsErrorsAsProblems() {
        String served = given().auth().oauth2(API_TOKEN).queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString();
        assertThat(served).contains("application/problem+json").contains("Retry-After").contains("bearer");
    }
}
