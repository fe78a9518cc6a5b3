package io.github.authentikprovisioner.traefik;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.github.authentikprovisioner.ApiTestSupport;
import io.github.authentikprovisioner.api.ProvisionerApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class TraefikResourceTest extends ApiTestSupport {

    @Test
    void dynamicConfigHasOneOutpostRouterPerServarrHostInBothFormats() throws Exception {
        api().body("{\"cookieDomain\": \"example.com\"}").put("/forward-auth").then().statusCode(201);
        for (String slug : List.of("prowlarr", "sonarr", "radarr")) {
            api().body(servarrApp(slug, "pw")).post("/apps/servarr").then().statusCode(201);
        }
        emulator.calls().clear();

        Response json = api().get("/traefik/dynamic-config");
        json.then().statusCode(200).contentType("application/json");
        assertThat(emulator.calls().all()).as("fixed number of authentik calls").hasSize(2);
        Response yaml = api().queryParam("format", "yaml").get("/traefik/dynamic-config");
        yaml.then().statusCode(200).contentType(ProvisionerApi.YAML);

        for (JsonNode doc : List.of(new ObjectMapper().readTree(json.asString()),
                new ObjectMapper(new YAMLFactory()).readTree(yaml.asString()))) {
            assertThat(TraefikSchema.validate(doc)).isEmpty();
            JsonNode routers = doc.at("/http/routers");
            assertThat(routers.size()).isEqualTo(3);
            for (String slug : List.of("prowlarr", "sonarr", "radarr")) {
                assertThat(routers.get(slug + "-outpost").get("rule").asText())
                        .isEqualTo("Host(`" + slug + ".example.com`) && PathPrefix(`/outpost.goauthentik.io/`)");
            }
            assertThat(doc.at("/http/middlewares/authentik-auth-http/forwardAuth/address").asText())
                    .isEqualTo("http://authentik-server:9000/outpost.goauthentik.io/auth/traefik");
        }
    }

    @Test
    void freshInstallStillGetsTheFullMiddlewareDocument() throws Exception {
        Response json = api().get("/traefik/dynamic-config");
        json.then().statusCode(200);
        JsonNode doc = new ObjectMapper().readTree(json.asString());
        assertThat(TraefikSchema.validate(doc)).isEmpty();
        assertThat(doc.at("/http/middlewares").size()).isEqualTo(5);
    }

    @Test
    void unknownFormatIsBadInput() {
        api().queryParam("format", "xml").get("/traefik/dynamic-config").then().statusCode(400)
                .contentType("application/problem+json");
        assertThat(emulator.calls().all()).isEmpty();
    }
}
