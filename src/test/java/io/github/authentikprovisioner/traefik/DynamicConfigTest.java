package io.github.authentikprovisioner.traefik;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

class DynamicConfigTest {

    static final TraefikConfig CONFIG = new Config("4194304");

    /** The configuration's defaults, with another response-body limit. */
    record Config(String maxResponseBodySize) implements TraefikConfig {
        @Override
        public String outpostUrl() {
            return "http://authentik-server:9000";
        }

        @Override
        public String providerNamespace() {
            return "http";
        }

        @Override
        public long outpostRouterPriority() {
            return MAX_USER_PRIORITY;
        }
    }
    static final List<ProtectedHost> HOSTS = List.of(new ProtectedHost("prowlarr", "https://prowlarr.example.com"),
            new ProtectedHost("sonarr", "https://sonarr.example.com"),
            new ProtectedHost("legacy", "http://legacy.lan"));
    private static final Path EXAMPLE = Path.of("deploy/traefik/dynamic_config.yml");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    @Test
    void documentFollowsTraefiksSchema() throws Exception {
        ObjectNode doc = DynamicConfig.build(HOSTS, CONFIG);
        assertThat(TraefikSchema.validate(doc)).isEmpty();
        assertThat(TraefikSchema.validate(YAML.readTree(YAML.writeValueAsString(doc)))).isEmpty();
    }

    @Test
    void middlewaresMatchTheSeedPlusEntitlements() {
        JsonNode mw = DynamicConfig.build(List.of(), CONFIG).at("/http/middlewares");
        JsonNode auth = mw.at("/authentik-auth/forwardAuth");
        assertThat(auth.get("address").asText())
                .isEqualTo("http://authentik-server:9000/outpost.goauthentik.io/auth/traefik");
        assertThat(auth.get("trustForwardHeader").asBoolean()).isTrue();
        assertThat(auth.get("authResponseHeaders").toString()).contains("X-authentik-entitlements")
                .contains("X-authentik-meta-version").doesNotContain("authorization");
        assertThat(mw.at("/authentik-auth-http/forwardAuth/authResponseHeaders").toString()).contains("\"authorization\"");
        assertThat(mw.at("/authentik/chain/middlewares").toString())
                .isEqualTo("[\"authentik-auth\",\"default-security-headers\"]");
        assertThat(mw.at("/authentik-http/chain/middlewares").toString())
                .isEqualTo("[\"authentik-auth-http\",\"default-security-headers\"]");
        assertThat(mw.at("/default-security-headers/headers/frameDeny").asBoolean()).isTrue();
        assertThat(DynamicConfig.build(List.of(), CONFIG).at("/http/routers").isMissingNode()).isTrue();
    }

    @Test
    void oneOutpostRouterPerHostWithTlsWhereTheHostIsHttps() {
        JsonNode routers = DynamicConfig.build(HOSTS, CONFIG).at("/http/routers");
        assertThat(routers.size()).isEqualTo(3);
        JsonNode prowlarr = routers.get("prowlarr-outpost");
        assertThat(prowlarr.get("rule").asText())
                .isEqualTo("Host(`prowlarr.example.com`) && PathPrefix(`/outpost.goauthentik.io/`)");
        assertThat(prowlarr.get("priority").asLong()).isEqualTo(2147482647L);
        assertThat(prowlarr.get("service").asText()).isEqualTo("authentik-outpost");
        assertThat(prowlarr.has("tls")).isTrue();
        assertThat(routers.get("legacy-outpost").has("tls")).isFalse();
    }

    @Test
    void containerLabelsUseTheHttpChainAndTheOutpostRouter() {
        Map<String, String> labels = ContainerLabels.forBasicAuthApp(HOSTS.getFirst(), CONFIG);
        assertThat(labels).containsEntry("traefik.http.routers.prowlarr.middlewares", "authentik-http@http")
                .containsEntry("traefik.http.routers.prowlarr-outpost.priority", "2147482647")
                .containsEntry("traefik.http.routers.prowlarr-outpost.service", "authentik-outpost@http")
                .containsEntry("traefik.http.routers.prowlarr-outpost.rule",
                        "Host(`prowlarr.example.com`) && PathPrefix(`/outpost.goauthentik.io/`)");
    }

    /** An older Traefik than v3.6.9 refuses maxResponseBodySize with the whole document: off leaves it out. */
    @Test
    void responseBodyLimitCanBeLeftOutForOlderTraefiks() throws Exception {
        TraefikConfig off = new Config("off");
        ObjectNode doc = DynamicConfig.build(HOSTS, off);
        assertThat(doc.at("/http/middlewares/authentik-auth/forwardAuth").has("maxResponseBodySize")).isFalse();
        assertThat(doc.at("/http/middlewares/authentik-auth-http/forwardAuth").has("maxResponseBodySize")).isFalse();
        assertThat(TraefikSchema.validate(doc)).isEmpty();
        assertThat(DynamicConfig.build(HOSTS, CONFIG).at("/http/middlewares/authentik-auth/forwardAuth/maxResponseBodySize")
                .asLong()).isEqualTo(4_194_304L);
    }

    /** deploy/traefik/dynamic_config.yml is this document for two example apps; regenerate with -Dtraefik-example.write=true. */
    @Test
    void committedFileProviderExampleIsCurrent() throws Exception {
        String generated = "# Generated by authentik-provisioner (GET /traefik/dynamic-config?format=yaml) for two example\n"
                + "# Servarr apps. Prefer Traefik's HTTP provider (traefik.yml) so it stays current by itself.\n"
                + YAML.writeValueAsString(DynamicConfig.build(HOSTS.subList(0, 2), CONFIG));
        if (Boolean.getBoolean("traefik-example.write")) {
            Files.writeString(EXAMPLE, generated);
        }
        assertThat(Files.readString(EXAMPLE))
                .as("deploy/traefik/dynamic_config.yml is stale: run ./mvnw test -Dtest=DynamicConfigTest -Dtraefik-example.write=true")
                .isEqualTo(generated);
    }
}
