package io.github.authentikprovisioner.emulator;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns stored objects into API answers: adds the display metadata and the read-only fields each row computes
 * (assigned application, outposts, bound stages, flow sets, nested objects; {@link Hooks.AnswerFields}) and keeps
 * exactly the properties of the response schema.
 */
final class Renderer {

    private static final ObjectMapper JSON = new ObjectMapper();

    final Store store;
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

    /**
     * The stored object with every field its answer has before projection: the row's display metadata, then the
     * fields the row computes ({@link Collection#answerFields}), in the row's order.
     */
    ObjectNode full(Collection c, ObjectNode stored) {
        ObjectNode o = stored.deepCopy();
        if (c.component != null) {
            o.put("component", c.component);
            o.put("verbose_name", c.verboseName);
            o.put("verbose_name_plural", c.verboseNamePlural);
            o.put("meta_model_name", c.metaModelName());
        }
        c.answerFields.forEach(fields -> fields.add(this, stored, o));
        return o;
    }

    /** An object nested in another's answer as a base schema (e.g. any stage as "Stage"). */
    ObjectNode nested(Store.Located l, String schema) {
        return project(full(l.collection(), l.object()), schema);
    }

    /** PartialUserSerializer: a user nested in another object's answer. */
    ObjectNode partialUser(ObjectNode user) {
        ObjectNode o = user.deepCopy();
        o.put("uid", user.get("uuid").asText().replace("-", ""));
        o.putNull("last_login");
        return project(o, "PartialUser");
    }

    /** PartialGroupSerializer: a group nested in another object's answer. */
    ObjectNode partialGroup(ObjectNode group) {
        return project(group, "PartialGroup").put("num_pk", group.path("num_pk").asInt());
    }

    /** The flow with primary key {@code pk} (flows are addressed by slug, so not {@link Store#byId}). */
    Optional<ObjectNode> flowByPk(String pk) {
        return all("flows/instances").filter(f -> f.get("pk").asText().equals(pk)).findFirst();
    }

    /** The objects of the collection at {@code path}. */
    Stream<ObjectNode> all(String path) {
        return store.all(collection(path));
    }

    /** The collection served at {@code path}, which the catalog has. */
    Collection collection(String path) {
        return store.catalog.byPath(path).orElseThrow();
    }
}
