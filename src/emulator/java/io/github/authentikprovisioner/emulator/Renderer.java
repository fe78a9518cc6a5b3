package io.github.authentikprovisioner.emulator;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns stored objects into API answers: adds the read-only fields authentik computes (assigned application,
 * outposts, bound stages, flow sets, nested objects) and keeps exactly the properties of the response schema.
 */
final class Renderer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Store store;
    private final Map<String, Set<String>> schemaProperties;
    private final GroupTree groups;

    Renderer(Store store, Map<String, Set<String>> schemaProperties) {
        this.store = store;
        this.schemaProperties = schemaProperties;
        this.groups = new GroupTree(store);
    }

    /** The group hierarchy the answers are computed from. */
    GroupTree groups() {
        return groups;
    }

    ObjectNode render(Collection c, ObjectNode stored) {
        return project(full(c, stored), c.schema);
    }

    /**
     * An object of {@code actual} as the parent model {@code as} serves it: the parent's defaults under the child's
     * values, the parent's component and model name (Django returns parent instances, not the subclass).
     */
    ObjectNode renderAs(Collection as, Collection actual, ObjectNode stored) {
        ObjectNode o = as.defaults.deepCopy();
        o.setAll(full(actual, stored));
        o.put("component", as.component).put("verbose_name", as.verboseName)
                .put("verbose_name_plural", as.verboseNamePlural).put("meta_model_name", as.metaModelName());
        return project(o, as.schema);
    }

    /** Keeps only the properties the named schema declares, as authentik's serializer does. */
    ObjectNode project(ObjectNode o, String schema) {
        Set<String> props = schemaProperties.get(schema);
        if (props == null) {
            throw new IllegalStateException("schema has no component " + schema);
        }
        ObjectNode out = JSON.createObjectNode();
        o.properties().forEach(e -> {
            if (props.contains(e.getKey())) {
                out.set(e.getKey(), e.getValue());
            }
        });
        return out;
    }

    private ObjectNode full(Collection c, ObjectNode stored) {
        ObjectNode o = stored.deepCopy();
        if (c.component != null) {
            o.put("component", c.component);
            o.put("verbose_name", c.verboseName);
            o.put("verbose_name_plural", c.verboseNamePlural);
            o.put("meta_model_name", c.metaModelName());
        }
        if (Catalog.STAGE.equals(c.family)) {
            o.set("flow_set", flowSet(stored));
        }
        if (Catalog.POLICY.equals(c.family)) {
            o.put("bound_to", (int) all("policies/bindings")
                    .filter(b -> b.path("policy").asText().equals(stored.get("pk").asText())).count());
        }
        if (Catalog.PROVIDER.equals(c.family)) {
            provider(c, stored, o);
        }
        switch (c.path) {
            case "core/applications" -> application(stored, o);
            case "core/groups" -> group(stored, o);
            case "core/users" -> user(stored, o);
            case "flows/instances" -> flow(stored, o);
            case "flows/bindings" -> o.set("stage_obj", store.inPool(Catalog.STAGE, stored.get("stage").asText())
                    .map(l -> project(full(l.collection(), l.object()), "Stage")).orElseThrow());
            case "policies/bindings" -> policyBinding(stored, o);
            case "stages/prompt/prompts" -> o.set("prompt_stages_obj", JSON.valueToTree(all("stages/prompt/stages")
                    .filter(s -> JsonArrays.contains(s.get("fields"), stored.get("pk")))
                    .map(s -> render(collection("stages/prompt/stages"), s)).toList()));
            case "stages/invitation/invitations" -> {
                o.set("created_by", partialUser(akadmin()));
                o.set("flow_obj", stored.path("flow").isNull() ? NullNode.instance
                        : flowByPk(stored.get("flow").asText()).map(f -> render(collection("flows/instances"), f))
                                .map(JsonNode.class::cast).orElse(NullNode.instance));
            }
            case "stages/authenticator/validate" -> o.set("webauthn_allowed_device_types_obj", JSON.createArrayNode());
            case "stages/authenticator/webauthn" -> o.set("device_type_restrictions_obj", JSON.createArrayNode());
            // user_obj = UserSerializer(source="user") (authentik/core/api/tokens.py); the key is never rendered
            case "core/tokens" -> o.set("user_obj", store.inPool(Catalog.USER, stored.path("user").asText())
                    .map(l -> (JsonNode) render(collection("core/users"), l.object())).orElse(NullNode.instance));
            case "outposts/instances" -> outpost(stored, o);
            case "crypto/certificatekeypairs" -> certificate(stored, o);
            default -> { }
        }
        return o;
    }

    private void provider(Collection c, ObjectNode stored, ObjectNode o) {
        Optional<ObjectNode> app = all("core/applications")
                .filter(a -> a.path("provider").asText().equals(stored.get("pk").asText())).findFirst();
        o.set("assigned_application_slug", app.map(a -> a.get("slug")).orElse(NullNode.instance));
        o.set("assigned_application_name", app.map(a -> a.get("name")).orElse(NullNode.instance));
        o.putNull("assigned_backchannel_application_slug");
        o.putNull("assigned_backchannel_application_name");
        if (c.path.equals("providers/proxy")) {
            ArrayNode outposts = o.putArray("outpost_set");
            all("outposts/instances").filter(op -> JsonArrays.contains(op.get("providers"), stored.get("pk")))
                    .forEach(op -> outposts.add(op.get("name").asText()));
            // set_oauth_defaults(): urljoin(external_host, "outpost.goauthentik.io/callback") and external_host as
            // given, each with the callback signature (authentik/providers/proxy/models.py _get_callback_url)
            String host = stored.path("external_host").asText();
            ArrayNode redirects = o.putArray("redirect_uris");
            redirects.addObject().put("matching_mode", "strict")
                    .put("url", urljoin(host, "outpost.goauthentik.io/callback") + "?X-authentik-auth-callback=true");
            redirects.addObject().put("matching_mode", "strict")
                    .put("url", host + "?X-authentik-auth-callback=true");
        }
    }

    private void application(ObjectNode stored, ObjectNode o) {
        JsonNode providerPk = stored.get("provider");
        Optional<Store.Located> provider = providerPk == null || providerPk.isNull() ? Optional.empty()
                : store.inPool(Catalog.PROVIDER, providerPk.asText());
        o.set("provider_obj", provider.map(l -> (JsonNode) project(full(l.collection(), l.object()), "Provider"))
                .orElse(NullNode.instance));
        o.putArray("backchannel_providers_obj");
        String launch = stored.path("meta_launch_url").asText("");
        if (launch.isEmpty()) {
            launch = provider.map(l -> l.object().path("external_host").asText("")).orElse("");
        }
        o.set("launch_url", launch.isEmpty() ? NullNode.instance : JSON.getNodeFactory().textNode(launch));
        o.putNull("meta_icon_url");
        o.putNull("meta_icon_themed_urls");
    }

    /**
     * GroupSerializer (authentik/core/api/groups.py): {@code parents} as stored, {@code children} the reverse
     * relation (read-only), the {@code *_obj} fields in full; {@link Listing#answer} then nulls those the request
     * did not ask for (the row's {@link Collection#include}).
     */
    private void group(ObjectNode stored, ObjectNode o) {
        o.put("num_pk", stored.path("num_pk").asInt());
        o.set("parents_obj", GroupTree.related(groups.parents(stored)));
        ArrayNode users = o.putArray("users_obj");
        for (JsonNode pk : stored.withArray("users")) {
            store.inPool(Catalog.USER, pk.asText()).ifPresent(u -> users.add(partialUser(u.object())));
        }
        o.putArray("roles_obj");
        o.putArray("inherited_roles_obj");
        List<ObjectNode> children = groups.children(stored);
        ArrayNode childPks = o.putArray("children");
        children.forEach(g -> childPks.add(g.get("pk")));
        o.set("children_obj", GroupTree.related(children));
    }

    private void user(ObjectNode stored, ObjectNode o) {
        ArrayNode pks = o.putArray("groups");
        ArrayNode objs = o.putArray("groups_obj");
        for (ObjectNode g : groups.directGroups(stored)) {
            pks.add(g.get("pk").asText());
            objs.add(project(g, "PartialGroup").put("num_pk", g.path("num_pk").asInt()));
        }
        // User.is_superuser: any of all_groups(), the direct groups with their ancestors (authentik/core/models.py)
        o.put("is_superuser", groups.isSuperuser(stored));
        o.putArray("roles_obj");
        o.put("avatar", "/static/dist/assets/images/user_default.png");
        o.put("uid", stored.get("uuid").asText().replace("-", ""));
        o.putNull("last_login");
    }

    ObjectNode userSelf(ObjectNode user) {
        ObjectNode o = full(collection("core/users"), user);
        // UserSelfSerializer.get_groups: all_groups() ordered by name (authentik/core/api/users.py)
        ArrayNode all = JSON.createArrayNode();
        groups.allGroups(user).stream().sorted(Comparator.comparing(g -> g.get("name").asText()))
                .forEach(g -> all.addObject().put("name", g.get("name").asText()).put("pk", g.get("pk").asText()));
        o.set("groups", all);
        o.putArray("roles");
        o.putObject("settings");
        o.putArray("system_permissions");
        return project(o, "UserSelf");
    }

    private void flow(ObjectNode stored, ObjectNode o) {
        o.put("background_url", "/static/dist/assets/images/flow_background.jpg");
        o.putNull("background_themed_urls");
        ArrayNode stages = o.putArray("stages");
        all("flows/bindings").filter(b -> b.get("target").asText().equals(stored.get("pk").asText()))
                .sorted(Comparator.comparingInt(b -> b.get("order").asInt()))
                .forEach(b -> stages.add(b.get("stage").asText()));
        ArrayNode policies = o.putArray("policies");
        all("policies/bindings").filter(b -> b.get("target").asText().equals(stored.get("policybindingmodel_ptr_id").asText()))
                .filter(b -> !b.path("policy").isNull()).forEach(b -> policies.add(b.get("policy").asText()));
        o.put("cache_count", 0);
        o.put("export_url", "/api/v3/flows/instances/" + stored.get("slug").asText() + "/export/");
    }

    private void policyBinding(ObjectNode stored, ObjectNode o) {
        // target is answered as the pk of the subclass: get_subclass(pbm_uuid=...).pk, so a flow's or a flow-stage
        // binding's own pk, not the PolicyBindingModel pk it is stored and filtered by
        // (authentik/policies/api/bindings.py, 2026.2: PolicyBindingModelForeignKey.to_representation)
        store.inPool(Catalog.BINDING_TARGET, stored.get("target").asText())
                .ifPresent(l -> o.set("target", l.collection().pkOf(l.object())));
        // authentik sends null for the two relations a binding does not use, though the schema lists them as required
        o.set("policy_obj", stored.path("policy").isNull() ? NullNode.instance
                : store.inPool(Catalog.POLICY, stored.get("policy").asText())
                        .map(l -> (JsonNode) project(full(l.collection(), l.object()), "Policy")).orElse(NullNode.instance));
        o.set("group_obj", stored.path("group").isNull() ? NullNode.instance
                : store.inPool(Catalog.GROUP, stored.get("group").asText())
                        .map(l -> (JsonNode) project(l.object(), "PartialGroup").put("num_pk", l.object().path("num_pk").asInt()))
                        .orElse(NullNode.instance));
        o.set("user_obj", stored.path("user").isNull() ? NullNode.instance
                : store.inPool(Catalog.USER, stored.get("user").asText()).map(l -> (JsonNode) partialUser(l.object()))
                        .orElse(NullNode.instance));
    }

    /** Python's urllib.parse.urljoin for an absolute base: RFC 3986 reference resolution. */
    static String urljoin(String base, String relative) {
        try {
            return java.net.URI.create(base).resolve(relative).toString();
        } catch (IllegalArgumentException e) {
            return base + "/" + relative;
        }
    }

    private void outpost(ObjectNode stored, ObjectNode o) {
        ArrayNode providers = o.putArray("providers_obj");
        for (JsonNode pk : stored.withArray("providers")) {
            store.inPool(Catalog.PROVIDER, pk.asText())
                    .ifPresent(l -> providers.add(project(full(l.collection(), l.object()), "Provider")));
        }
        o.putNull("service_connection_obj");
        o.put("refresh_interval_s", ServedConfig.refreshIntervalSeconds(stored.path("config").isObject()
                ? (ObjectNode) stored.get("config") : JSON.createObjectNode()));
        o.put("token_identifier", "ak-outpost-" + stored.get("pk").asText() + "-api");
    }

    private void certificate(ObjectNode stored, ObjectNode o) {
        o.put("fingerprint_sha256", "00:11:22:33");
        o.put("fingerprint_sha1", "00:11:22");
        o.put("cert_expiry", "2027-01-01T00:00:00Z");
        o.put("cert_subject", "OU=Self-signed,O=authentik,CN=authentik Self-signed Certificate");
        o.put("private_key_available", true);
        o.put("key_type", "rsa");
        o.put("certificate_download_url", "/api/v3/crypto/certificatekeypairs/" + stored.get("pk").asText()
                + "/view_certificate/?download");
        o.put("private_key_download_url", "/api/v3/crypto/certificatekeypairs/" + stored.get("pk").asText()
                + "/view_private_key/?download");
    }

    private ArrayNode flowSet(ObjectNode stage) {
        ArrayNode out = JSON.createArrayNode();
        all("flows/bindings").filter(b -> b.get("stage").asText().equals(stage.get("pk").asText()))
                .map(b -> flowByPk(b.get("target").asText())).flatMap(Optional::stream).distinct()
                .forEach(f -> {
                    ObjectNode flow = full(collection("flows/instances"), f);
                    out.add(project(flow, "FlowSet"));
                });
        return out;
    }

    ObjectNode partialUser(ObjectNode user) {
        ObjectNode o = user.deepCopy();
        o.put("uid", user.get("uuid").asText().replace("-", ""));
        o.putNull("last_login");
        return project(o, "PartialUser");
    }

    private ObjectNode akadmin() {
        return all("core/users").filter(u -> "akadmin".equals(u.path("username").asText())).findFirst()
                .orElseThrow();
    }

    private Optional<ObjectNode> flowByPk(String pk) {
        return all("flows/instances").filter(f -> f.get("pk").asText().equals(pk)).findFirst();
    }

    private java.util.stream.Stream<ObjectNode> all(String path) {
        return store.all(collection(path));
    }

    private Collection collection(String path) {
        return store.catalog.byPath(path).orElseThrow();
    }
}
