package io.github.authentikprovisioner.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** What {@link OidcAppRecipe} writes, read back by {@link OidcAppState}, is the request again. */
class OidcAppStateTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static List<OidcApp> specs() {
        return List.of(
                OidcAppRecipeTest.spec(OidcPreset.NEXTCLOUD, "https://nc.example.com"),
                new OidcApp(OidcPreset.NEXTCLOUD, "https://cloud.example.com/index.php", null, "Cloud", "cloud",
                        null, null, List.of("openid", "profile", "email", "offline_access"), "staff", "it", false),
                OidcAppRecipeTest.spec(OidcPreset.SYNOLOGY, "https://nas.example.com"),
                OidcAppRecipeTest.spec(OidcPreset.IMMICH, "http://immich.lan:2283"),
                new OidcApp(OidcPreset.INVENTREE, "https://inventree.example.com", List.of("https://parts.example.com"),
                        null, null, null, List.of(RedirectUri.matching("^https://x\\.example\\.com/.*$")), null, null,
                        null, false),
                new OidcApp(OidcPreset.INVENTREE, "https://inventree.example.com", null, null, null, null, null, null,
                        "inventree Staff", null, false),
                new OidcApp(OidcPreset.GENERIC, null, null, "Wiki", null, null,
                        List.of(RedirectUri.strict("https://wiki.example.com/cb")), null, "wiki", null, false));
    }

    @ParameterizedTest
    @MethodSource("specs")
    void stateReadsBackAsTheRequest(OidcApp spec) {
        Map<String, String> managed = new HashMap<>();
        ArrayNode mappings = JSON.createArrayNode();
        for (String scope : spec.scopes()) {
            String pk = "pk-" + scope;
            managed.put(pk, OidcAppRecipe.MANAGED_SCOPES.get(scope));
            mappings.add(pk);
        }
        mappings.add("pk-nextcloud-profile");
        ObjectNode provider = JSON.createObjectNode().put("pk", 7).put("name", "P");
        provider.set("redirect_uris", JSON.valueToTree(spec.effectiveRedirectUris().stream()
                .map(RedirectUri::toAuthentik).toList()));
        provider.set("property_mappings", mappings);
        ObjectNode app = JSON.createObjectNode().put("slug", spec.slug()).put("name", spec.name());
        List<ObjectNode> groups = OidcAppRecipe.groups(spec).entrySet().stream().map(e -> {
            ObjectNode g = JSON.createObjectNode().put("name", e.getKey());
            g.putObject("attributes").put(OidcAppRecipe.marker(spec.slug()), e.getValue().value())
                    .put(OidcAppRecipe.marker("other"), "access");
            return g;
        }).toList();

        OidcApp read = OidcAppState.read(app, provider, managed, groups);
        assertThat(read.preset()).isEqualTo(spec.preset());
        assertThat(read.baseUrls()).isEqualTo(spec.preset() == OidcPreset.GENERIC ? List.of() : spec.baseUrls());
        assertThat(read.effectiveRedirectUris()).isEqualTo(spec.effectiveRedirectUris());
        assertThat(read.scopes()).isEqualTo(spec.scopes());
        assertThat(read.accessGroup()).isEqualTo(spec.accessGroup());
        assertThat(read.adminGroup()).isEqualTo(spec.adminGroup());
        assertThat(read.usersGroup()).isEqualTo(spec.usersGroup());
        OidcSetup.Endpoints endpoints = new OidcSetup.Endpoints("https://auth.example.com", spec.slug(), "id", "s");
        assertThat(OidcSetup.of(read, endpoints)).isEqualTo(OidcSetup.of(spec, endpoints));
    }
}
