package io.github.authentikprovisioner.desiredstate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.github.authentikprovisioner.ApiTestSupport;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The whole guide as {@code deploy/desired-state.example.yaml}: what a fresh install ends up holding, object by
 * object, compared with a recorded state ({@code src/test/resources/example-document-state.json}, written by
 * {@code -Dgolden.write=true}), so a change in how the engine reads or orders its calls cannot change what it creates.
 */
@QuarkusTest
class ExampleDocumentTest extends ApiTestSupport {

    static final Path GOLDEN = Path.of("src/test/resources/example-document-state.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** Values authentik generates at random or from the clock. */
    private static final List<String> GENERATED = List.of("client_id", "client_secret", "created", "last_updated",
            "last_login", "date_joined", "password_change_date", "key", "password", "expires", "certificate_data",
            "key_data",
            "fingerprint_sha256", "fingerprint_sha1", "cert_expiry", "cert_subject");
    /** Fields whose integer values are pks of other objects (providers draw from one sequence). */
    private static final List<String> INT_REFERENCES = List.of("pk", "provider", "providers", "backchannel_providers",
            "id");

    @Inject
    DesiredStateApplier applier;

    /** ADMIN_PASSWORD of the example's environment in these tests. */
    static final String ADMIN_PASSWORD = "example-admin-password-not-a-secret";

    /** The example document with the environment a deployment gives it ({@code deploy/.env.example}'s variables). */
    static List<DesiredStateDocument.Entry> example() throws Exception {
        return DesiredStateDocument.parseExpanding(Files.readString(Path.of("deploy/desired-state.example.yaml")),
                io.github.authentikprovisioner.ExampleEnvironment.of(ADMIN_PASSWORD));
    }

    /** As in production: the service runs on its own token before the document runs (it retires akadmin). */
    @BeforeEach
    void handedOver() {
        handOverToServiceAccount();
    }

    @Test
    void aFreshInstallEndsUpHoldingTheRecordedObjects() throws Exception {
        applier.apply(example(), false);
        String actual = JSON.writeValueAsString(normalized(emulator.state()));
        if (Boolean.getBoolean("golden.write")) {
            Files.writeString(GOLDEN, actual + "\n");
        }
        Files.writeString(Path.of("target/example-document-state.actual.json"), actual + "\n");
        assertThat(actual + "\n").isEqualTo(Files.readString(GOLDEN));
    }

    /** Issue 19: the example document's admin can open every app it defines, as authentik's policy engine says. */
    @Test
    void theAdminMayOpenEveryAppTheDocumentDefinesAndNobodyElseIsLetIntoTheGatedOnes() throws Exception {
        applier.apply(example(), false);
        List<Map<String, Object>> access = api().get("/users/alice/access").then().statusCode(200).extract()
                .jsonPath().getList("");
        assertThat(access).extracting(a -> a.get("application")).contains("prowlarr", "sonarr", "nextcloud", "nas",
                "immich", "inventree");
        assertThat(access).allSatisfy(a -> assertThat(a.get("allowed")).as(a.toString()).isEqualTo(true));
        api().body("{\"name\": \"Carol\"}").put("/users/carol").then().statusCode(201);
        api().get("/users/carol/access/nextcloud").then().statusCode(200)
                .body("allowed", org.hamcrest.Matchers.equalTo(false))
                .body("fix", org.hamcrest.Matchers.containsString("nextcloud Users"));
    }

    /**
     * An app's entry finds its gate group empty, the document's user entry then puts the admin in: the report keeps
     * no warning a later entry made untrue, and keeps the true ones.
     */
    @Test
    void aFreshInstallReportsNoWarningALaterEntryMadeUntrue() throws Exception {
        DesiredStateReport fresh = applier.apply(example(), false);
        assertThat(fresh.entries()).allSatisfy(e -> assertThat(e.warnings()).as(e.recipe()).isEmpty());
        DesiredStateReport alone = applier.apply(DesiredStateDocument.parse(
                "- oidc: {preset: nextcloud, baseUrl: \"https://cloud.example.com\", slug: cloud, name: Cloud, "
                        + "accessGroup: cloud Users}"), false);
        assertThat(alone.entries().getFirst().warnings()).singleElement().asString()
                .startsWith("group cloud Users has no members");
    }

    @Test
    void convergedTheWholeGuideCostsOneReadPerKindAndNoWrite() throws Exception {
        emulator.calls().clear();
        DesiredStateReport fresh = applier.apply(example(), false);
        assertThat(fresh.authentikCalls().reads() + fresh.authentikCalls().writes()).as("fresh install, all calls")
                .isLessThanOrEqualTo(115); // 98 before the admin joined the four app groups (issue 19)
        emulator.calls().clear();

        DesiredStateReport again = applier.apply(example(), false);

        assertThat(again.authentikCalls().writes()).isZero();
        assertThat(again.authentikCalls().reads()).as("converged example document").isLessThanOrEqualTo(25)
                .isEqualTo((int) emulator.calls().reads());
        assertThat(emulator.calls().all()).as("each list read once").doesNotHaveDuplicates();
    }

    @Test
    void aDryRunOfAFreshInstallReadsEachKindOnce() throws Exception {
        DesiredStateReport plan = applier.apply(example(), true);
        assertThat(emulator.calls().writes()).isZero();
        assertThat(emulator.calls().all()).as("each list read once").doesNotHaveDuplicates();
        assertThat(plan.authentikCalls().reads()).isLessThanOrEqualTo(25);
    }

    /**
     * The state with every generated value masked and every pk replaced by a name of its object (collection and
     * natural key), so two runs that created the same objects in another order compare equal.
     */
    static ObjectNode normalized(ObjectNode state) {
        Map<String, String> names = new HashMap<>();
        state.properties().forEach(e -> {
            if (e.getValue().isArray()) {
                for (JsonNode o : e.getValue()) {
                    String natural = o.path("slug").asText(o.path("name").asText(o.path("username").asText(
                            o.path("domain").asText(o.path("identifier").asText(o.path("order").asText(""))))));
                    String name = "<" + e.getKey() + ":" + natural + ">";
                    for (String pk : List.of("pk", "policybindingmodel_ptr_id", "brand_uuid", "pbm_uuid",
                            "fsb_uuid", "policy_binding_uuid", "flow_uuid", "stage_uuid", "policy_uuid", "uuid")) {
                        if (o.hasNonNull(pk)) {
                            names.put(e.getKey() + "#" + o.get(pk).asText(), name);
                            if (UUID.matcher(o.get(pk).asText()).matches()) {
                                names.put(o.get(pk).asText(), name);
                            }
                        }
                    }
                }
            }
        });
        Map<String, String> intPks = new HashMap<>();
        names.forEach((k, v) -> {
            int hash = k.indexOf('#');
            if (hash > 0 && k.substring(hash + 1).matches("\\d+")) {
                intPks.merge(k.substring(hash + 1), v, (a, b) -> a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a);
            }
        });
        ObjectNode out = JSON.createObjectNode();
        List<String> paths = new ArrayList<>();
        state.fieldNames().forEachRemaining(paths::add);
        paths.sort(null);
        for (String path : paths) {
            JsonNode value = rewrite(state.get(path), null, names, intPks);
            if (value.isArray()) {
                List<String> rendered = new ArrayList<>();
                value.forEach(o -> rendered.add(o.toString()));
                rendered.sort(null);
                ArrayNode sorted = out.putArray(path);
                for (String r : rendered) {
                    try {
                        sorted.add(JSON.readTree(r));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            } else {
                out.set(path, value);
            }
        }
        return out;
    }

    private static JsonNode rewrite(JsonNode node, String field, Map<String, String> names, Map<String, String> intPks) {
        if (field != null && GENERATED.contains(field) && !node.isNull()) {
            return TextNode.valueOf("<generated>");
        }
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            List<String> fields = new ArrayList<>();
            node.fieldNames().forEachRemaining(fields::add);
            fields.sort(null); // canonical: the emulator's field order depends on how an object was written
            for (String f : fields) {
                copy.set(f, rewrite(node.get(f), f, names, intPks));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            List<String> scalars = new ArrayList<>();
            boolean allScalar = true;
            for (JsonNode n : node) {
                JsonNode r = rewrite(n, field, names, intPks);
                copy.add(r);
                allScalar &= r.isValueNode();
                scalars.add(r.asText());
            }
            if (allScalar && field != null && !field.equals("order")) {
                scalars.sort(null);
                ArrayNode sorted = JSON.createArrayNode();
                scalars.forEach(sorted::add);
                return sorted;
            }
            return copy;
        }
        if (node.isTextual() && UUID.matcher(node.asText()).find()) {
            String text = node.asText();
            var m = UUID.matcher(text);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(
                        names.getOrDefault(m.group(), "<uuid>")));
            }
            m.appendTail(sb);
            return TextNode.valueOf(sb.toString());
        }
        if (node.isInt() && field != null && INT_REFERENCES.contains(field)) {
            return TextNode.valueOf(intPks.getOrDefault(node.asText(), "<int>"));
        }
        return node;
    }
}
