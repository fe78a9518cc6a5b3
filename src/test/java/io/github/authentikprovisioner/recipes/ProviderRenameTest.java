package io.github.authentikprovisioner.recipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.authentikprovisioner.ApiTestSupport;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An app called again with the same slug and a new name keeps its one provider, renamed in place: the provider is
 * found through the application's {@code provider} link, never by the new name alone, so no provider is left
 * behind without its application (issue 22).
 */
@QuarkusTest
class ProviderRenameTest extends ApiTestSupport {

    @Test
    void aServarrAppRenamedThreeTimesHasOneProviderRenamedOnTheOutpost() {
        api().body(servarrApp("prowlarr", "pw")).post("/apps/servarr").then().statusCode(201);
        int pk = emulator.list("/providers/proxy/").getFirst().get("pk").asInt();
        for (String name : List.of("Prowlarr 2", "Indexers", "Prowlarr")) {
            String body = servarrApp("prowlarr", "pw").replace("\"Prowlarr\"", "\"" + name + "\"");
            api().body(body).post("/apps/servarr").then().statusCode(200)
                    .body("changes.find { it.kind == 'proxy-provider' }.action", equalTo("update"))
                    .body("changes.find { it.kind == 'proxy-provider' }.fields", equalTo(List.of("name")))
                    .body("app.providerPk", equalTo(pk));
            assertThat(emulator.list("/providers/proxy/")).singleElement().satisfies(p -> {
                assertThat(p.get("pk").asInt()).isEqualTo(pk);
                assertThat(p.get("name").asText()).isEqualTo(name + " Provider");
                assertThat(p.get("assigned_application_slug").asText()).isEqualTo("prowlarr");
            });
            assertThat(outpostProviders()).containsExactly(pk);
            emulator.calls().clear();
            api().body(body).post("/apps/servarr").then().statusCode(200).body("status", equalTo("unchanged"));
            assertThat(emulator.calls().writes()).isZero();
        }
    }

    @Test
    void aProtectedAppAndTheDomainLevelAppRenamedKeepTheirProviders() {
        String swagger = """
                {"name": "%s", "slug": "authentik-provisioner",
                 "externalHost": "https://provisioner.example.com", "accessGroup": "authentik Admins"}""";
        api().body(swagger.formatted("authentik-provisioner")).put("/apps/protected").then().statusCode(201);
        api().body(swagger.formatted("Provisioner")).put("/apps/protected").then().statusCode(200);
        api().body("{\"cookieDomain\": \"example.com\"}").put("/forward-auth").then().statusCode(201);
        api().body("{\"cookieDomain\": \"example.com\", \"providerName\": \"Domain\"}").put("/forward-auth").then()
                .statusCode(200);

        assertThat(emulator.list("/providers/proxy/")).extracting(p -> p.get("name").asText())
                .containsExactlyInAnyOrder("Provisioner Provider", "Domain");
        assertNoProviderWithoutApplication();
        assertThat(outpostProviders()).hasSize(2);
    }

    @Test
    void anOidcAppKeepsItsProviderAndCredentialsWhenItsProviderIsRenamed() {
        String nextcloud = "{\"preset\": \"nextcloud\", \"baseUrl\": \"https://nc.example.com\"%s}";
        String clientId = api().body(nextcloud.formatted("")).post("/apps/oidc").then().statusCode(201)
                .extract().path("clientId");
        for (String name : List.of("Cloud", "Files")) {
            api().body(nextcloud.formatted(", \"name\": \"" + name + "\", \"providerName\": \"" + name + " OIDC\""))
                    .post("/apps/oidc").then().statusCode(200).body("providerName", equalTo(name + " OIDC"))
                    .body("clientId", equalTo(clientId));
        }
        // without providerName the provider keeps the name it has
        api().body(nextcloud.formatted(", \"name\": \"Files\"")).post("/apps/oidc").then().statusCode(200)
                .body("status", equalTo("unchanged")).body("providerName", equalTo("Files OIDC"));
        assertThat(emulator.list("/providers/oauth2/")).singleElement()
                .satisfies(p -> assertThat(p.get("name").asText()).isEqualTo("Files OIDC"));
        assertNoProviderWithoutApplication();
    }

    @Test
    void aRenameOntoAnotherProvidersNameIsAConflictBeforeAnyWrite() {
        api().body(servarrApp("prowlarr", "pw")).post("/apps/servarr").then().statusCode(201);
        api().body(servarrApp("sonarr", "pw")).post("/apps/servarr").then().statusCode(201);
        emulator.calls().clear();

        api().body(servarrApp("prowlarr", "pw").replace("\"Prowlarr\"", "\"Sonarr\"")).post("/apps/servarr").then()
                .statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("serves the application 'sonarr'"));
        assertThat(emulator.calls().writes()).isZero();
    }

    @Test
    void aSlugServedByAnotherKindOfProviderIsAConflictNotASecondProvider() {
        api().body("{\"preset\": \"generic\", \"name\": \"Wiki\", \"redirectUris\": [\"https://wiki.example.com/cb\"]}")
                .post("/apps/oidc").then().statusCode(201);
        emulator.calls().clear();

        api().body(servarrApp("wiki", "pw")).post("/apps/servarr").then().statusCode(409)
                .body("detail", containsString("not by a proxy-provider"));
        assertThat(emulator.calls().writes()).isZero();
        assertThat(emulator.list("/providers/proxy/")).isEmpty();
    }

    private void assertNoProviderWithoutApplication() {
        // /providers/oauth2/ lists proxy providers too
        assertThat(emulator.list("/providers/oauth2/")).allSatisfy(p -> assertThat(p.path("assigned_application_slug")
                .asText("")).as("provider '%s' serves an application", p.get("name").asText()).isNotEmpty());
    }

    private List<Integer> outpostProviders() {
        JsonNode outpost = emulator.list("/outposts/instances/?managed__iexact=goauthentik.io/outposts/embedded")
                .getFirst();
        return java.util.stream.StreamSupport.stream(outpost.get("providers").spliterator(), false)
                .map(JsonNode::asInt).toList();
    }
}
