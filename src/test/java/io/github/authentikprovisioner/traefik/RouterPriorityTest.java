package io.github.authentikprovisioner.traefik;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * For every host the service emits or documents a router for, Traefik sends {@code /outpost.goauthentik.io/} to the
 * outpost: the outpost router outranks every other router of that host as Traefik ranks them
 * ({@link TraefikRouters}). Without that, a signed-in user's {@code /outpost.goauthentik.io/sign_out} passes the
 * forward-auth check and lands in the app, so the session never ends (internal/outpost/proxyv2/application/
 * application.go registers sign_out, start and callback on the outpost's own mux; mode_forward.go
 * {@code forwardHandleTraefik} only recognises the callback and logout query signatures, 2026.2.2).
 */
class RouterPriorityTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** A host name of the longest length DNS allows (253), so that no app router can be longer by its host. */
    private static final String LONGEST_HOST = ("a".repeat(63) + ".").repeat(3) + "b".repeat(57) + ".com";
    private static final List<ProtectedHost> HOSTS = List.of(
            new ProtectedHost("prowlarr", "https://prowlarr.example.com"),
            new ProtectedHost("x", "https://x.io"),
            new ProtectedHost("longest", "https://" + LONGEST_HOST),
            new ProtectedHost("legacy", "http://legacy.lan"));

    @Test
    void theLongestHostNameIsValid() {
        assertThat(LONGEST_HOST).hasSize(253);
    }

    @Test
    void containerLabelsOfEveryAppRankTheOutpostRouterFirst() {
        for (ProtectedHost host : HOSTS) {
            List<TraefikRouters.Router> routers = new ArrayList<>();
            routers.addAll(TraefikRouters.ofLabels(ContainerLabels.forBasicAuthApp(host, DynamicConfigTest.CONFIG),
                    "servarr labels"));
            routers.addAll(TraefikRouters.ofLabels(ContainerLabels.forForwardAuthApp(host, DynamicConfigTest.CONFIG),
                    "protected-app labels"));
            assertThat(routers).hasSize(2 * 2);
            assertThat(TraefikRouters.problems(routers)).as(host.host()).isEmpty();
        }
    }

    @Test
    void dynamicConfigAsJsonAndYamlOutranksTheAppRoutersOfItsHosts() throws Exception {
        JsonNode doc = DynamicConfig.build(HOSTS, DynamicConfigTest.CONFIG);
        JsonNode yaml = YAML.readTree(YAML.writeValueAsString(doc));
        for (JsonNode served : List.of(doc, yaml)) {
            List<TraefikRouters.Router> routers = new ArrayList<>(TraefikRouters.of(served, "dynamic-config"));
            for (ProtectedHost host : HOSTS) {
                routers.addAll(TraefikRouters.ofLabels(ContainerLabels.forBasicAuthApp(host, DynamicConfigTest.CONFIG),
                        "servarr labels"));
                // an app router a user might write by hand, longer than the outpost's own rule
                routers.add(new TraefikRouters.Router("hand-written", host.slug() + "-api",
                        "Host(`" + host.host() + "`) && (PathPrefix(`/api`) || PathPrefix(`/feed`) || "
                                + "PathPrefix(`/outpost.goauthentik.io/`) || Header(`X-Api-Key`, `.*`))",
                        0, ""));
            }
            assertThat(TraefikRouters.problems(routers)).isEmpty();
        }
    }

    @Test
    void theCommittedFileProviderExampleOutranksTheDocumentedLabels() throws Exception {
        List<TraefikRouters.Router> routers = new ArrayList<>(TraefikRouters.of(
                YAML.readTree(Path.of("deploy/traefik/dynamic_config.yml").toFile()), "deploy/traefik/dynamic_config.yml"));
        assertThat(routers).isNotEmpty();
        for (TraefikRouters.Router outpost : List.copyOf(routers)) {
            String host = outpost.hosts().iterator().next();
            routers.addAll(TraefikRouters.ofLabels(ContainerLabels.forBasicAuthApp(
                    new ProtectedHost(outpost.name().replace("-outpost", ""), "https://" + host),
                    DynamicConfigTest.CONFIG), "servarr labels"));
        }
        assertThat(TraefikRouters.problems(routers)).isEmpty();
    }

    @Test
    void theReadmesLabelsRankTheOutpostRouterFirst() throws Exception {
        List<TraefikRouters.Router> routers = TraefikRouters.ofLabelLines(
                Files.readAllLines(Path.of("README.md")), "README");
        assertThat(routers).extracting(TraefikRouters.Router::name).contains("prowlarr", "prowlarr-outpost");
        assertThat(TraefikRouters.problems(routers)).isEmpty();
    }

    /**
     * The deployed stack: the service's own host (Swagger UI) is routed by a label of deploy/compose.yml through the
     * authentik chain; its outpost router comes from {@code /traefik/dynamic-config}, which serves it because the
     * service protects its own host ({@code PROVISIONER_SELF_PUBLIC_URL}).
     */
    @Test
    void theDeployedStacksOwnHostGetsItsOutpostPathsToTheOutpost() throws Exception {
        String domain = LONGEST_HOST.substring(LONGEST_HOST.length() - 60);
        JsonNode compose = YAML.readTree(Files.readString(Path.of("deploy/compose.yml")).replace("${DOMAIN}", domain)
                .replaceAll("\\$\\{DOMAIN:\\?[^}]*}", domain));
        List<TraefikRouters.Router> routers = new ArrayList<>();
        compose.path("services").properties().forEach(service -> {
            Map<String, String> labels = YAML.convertValue(service.getValue().path("labels"),
                    YAML.getTypeFactory().constructMapType(Map.class, String.class, String.class));
            if (labels != null) {
                routers.addAll(TraefikRouters.ofLabels(labels, "compose " + service.getKey()));
            }
        });
        String self = compose.at("/services/provisioner/environment/PROVISIONER_SELF_PUBLIC_URL").asText();
        routers.addAll(TraefikRouters.of(DynamicConfig.build(List.of(new ProtectedHost("authentik-provisioner", self)),
                DynamicConfigTest.CONFIG), "dynamic-config"));
        assertThat(routers).extracting(TraefikRouters.Router::name).contains("provisioner", "authentik-provisioner-outpost");
        assertThat(TraefikRouters.problems(routers)).isEmpty();
    }

    @Test
    void rankingFollowsTraefiksDocumentation() {
        // Traefik's own example: HostRegexp(`[a-z]+\.traefik\.com`) (34) outranks Host(`foobar.traefik.com`) (26)
        var regexp = new TraefikRouters.Router("doc", "Router-1", "HostRegexp(`[a-z]+\\.traefik\\.com`)", 0, "");
        var host = new TraefikRouters.Router("doc", "Router-2", "Host(`foobar.traefik.com`)", 0, "");
        assertThat(regexp.effectivePriority()).isEqualTo(34);
        assertThat(host.effectivePriority()).isEqualTo(26);
        // what main emitted before: an explicit 15 loses to the app's own Host() rule (28 characters)
        var old = new TraefikRouters.Router("old", "prowlarr-outpost",
                "Host(`prowlarr.example.com`) && " + TraefikRouters.OUTPOST_PREFIX, 15, "");
        var app = new TraefikRouters.Router("old", "prowlarr", "Host(`prowlarr.example.com`)", 0, "authentik-http@http");
        assertThat(TraefikRouters.problems(List.of(old, app))).singleElement().asString()
                .contains("outranks or ties").contains("priority 28").contains("priority 15");
    }
}
