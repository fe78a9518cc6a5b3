package io.github.authentikprovisioner.protectedapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.authentikprovisioner.ApiTestSupport;
import io.quarkus.test.junit.QuarkusTest;

/** This service's own protection in the deployed stack: an app behind sign-in, open to one group. */
@QuarkusTest
class ProtectedAppResourceTest extends ApiTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SWAGGER = """
            {"name": "authentik-provisioner", "slug": "authentik-provisioner",
             "externalHost": "https://provisioner.example.com", "accessGroup": "authentik Admins"}""";

    @Test
    void theAppIsCreatedGatedByItsGroupAndServedAndASecondCallWritesNothing() {
        api().body(SWAGGER).put("/apps/protected").then().statusCode(201).body("status", equalTo("created"))
                .body("traefikLabels.'traefik.http.routers.authentik-provisioner.middlewares'",
                        equalTo("authentik@http"))
                .body("traefikLabels.'traefik.http.routers.authentik-provisioner-outpost.rule'",
                        equalTo("Host(`provisioner.example.com`) && PathPrefix(`/outpost.goauthentik.io/`)"));

        JsonNode provider = emulator.list("/providers/proxy/").getFirst();
        assertThat(provider.get("mode").asText()).isEqualTo("forward_single");
        assertThat(provider.get("external_host").asText()).isEqualTo("https://provisioner.example.com");
        JsonNode app = emulator.get("/core/applications/authentik-provisioner/");
        assertThat(app.get("meta_publisher").asText()).isEqualTo("authentik-provisioner");
        assertThat(groupsGating(app)).containsExactly("authentik Admins");
        assertThat(emulator.list("/outposts/instances/").getFirst().get("providers").get(0).asText())
                .isEqualTo(provider.get("pk").asText());

        emulator.calls().clear();
        api().body(SWAGGER).put("/apps/protected").then().statusCode(200).body("status", equalTo("unchanged"))
                .body("authentikCalls.writes", equalTo(0))
                .body("authentikCalls.reads", equalTo(7)); // one list of each kind it names in reads()
        assertThat(emulator.calls().writes()).isZero();
        assertThat(emulator.calls().all()).extracting(c -> c.path()).doesNotHaveDuplicates();

        api().get("/outposts/health?refresh=true").then().statusCode(200)
                .body("hosts.find { it.host == 'provisioner.example.com' }.state", equalTo("served"));
    }

    @Test
    void anotherGroupReplacesTheGateSoTheFormerGroupNoLongerPasses() {
        emulator.create("/core/groups/", JSON.createObjectNode().put("name", "Operators"));
        api().body(SWAGGER).put("/apps/protected").then().statusCode(201);

        api().body(SWAGGER.replace("authentik Admins", "Operators")).put("/apps/protected").then().statusCode(201)
                .body("status", equalTo("created"))
                .body("changes.findAll { it.kind == 'policy-binding' }.action", equalTo(List.of("create", "delete")));
        assertThat(groupsGating(emulator.get("/core/applications/authentik-provisioner/")))
                .containsExactly("Operators");
    }

    @Test
    void aGroupThatDoesNotExistIsAConflictAndNothingIsWritten() {
        api().body(SWAGGER.replace("authentik Admins", "Nobody")).put("/apps/protected").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("Nobody"));
        assertThat(emulator.calls().writes()).isZero();
    }

    @Test
    void badInputNamesTheFieldWithoutCallingAuthentik() {
        api().body(SWAGGER.replace("https://provisioner.example.com", "provisioner")).put("/apps/protected").then()
                .statusCode(400).body("errors.field", hasItem("externalHost"));
        api().body(SWAGGER.replace("\"accessGroup\": \"authentik Admins\"", "\"accessGroup\": \" x\""))
                .put("/apps/protected").then().statusCode(400).body("errors.field", hasItem("accessGroup"));
        api().body(SWAGGER.replace("}", ", \"unauthenticatedPaths\": [\"^/(?!admin)\"]}")).put("/apps/protected")
                .then().statusCode(400).body("errors.field", hasItem("unauthenticatedPaths[0]"));
        assertThat(emulator.calls().all()).isEmpty();
    }

    private List<String> groupsGating(JsonNode app) {
        return emulator.list("/policies/bindings/?target=" + app.get("pk").asText()).stream()
                .filter(b -> b.path("group_obj").isObject()).map(b -> b.get("group_obj").get("name").asText())
                .toList();
    }
}
