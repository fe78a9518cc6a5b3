package io.github.authentikprovisioner.reconcile;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.authentik.AuthentikException;
import io.github.authentikprovisioner.authentik.AuthentikObjects;
import io.github.authentikprovisioner.authentik.Kind;

/** authentik's object store reduced to what the engine sees, in memory, recording every call. */
class FakeAuthentik implements AuthentikObjects {

    static final ObjectMapper JSON = new ObjectMapper();

    final Map<Kind, Map<String, ObjectNode>> objects = new EnumMap<>(Kind.class);
    final List<String> calls = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    /** Runs after each PATCH is applied: lets a test play a concurrent writer that gets in right after ours. */
    Consumer<ObjectNode> afterPatch = o -> { };

    ObjectNode add(Kind kind, String json) {
        try {
            ObjectNode o = (ObjectNode) JSON.readTree(json.replace('\'', '"'));
            for (String field : List.of(kind.pkField(), kind.idField())) {
                if (!field.isEmpty() && !o.has(field)) {
                    o.put(field, kind == Kind.PROXY_PROVIDER ? String.valueOf(ids.incrementAndGet())
                            : UUID.randomUUID().toString());
                }
            }
            objects.computeIfAbsent(kind, k -> new LinkedHashMap<>()).put(id(kind, o), o);
            return o;
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    long writes() {
        return calls.stream().filter(c -> !c.startsWith("GET") && !c.startsWith("FIND") && !c.startsWith("LIST")
                && !c.startsWith("PREFETCH")).count();
    }

    long reads() {
        return calls.stream().filter(c -> !c.startsWith("PREFETCH")).count() - writes();
    }

    @Override
    public Optional<ObjectNode> find(Kind kind, Map<String, String> key) {
        calls.add("FIND " + kind.label() + " " + key);
        return all(kind).stream().filter(o -> key.entrySet().stream().allMatch(e -> {
            JsonNode v = o.get(e.getKey());
            return v != null && (kind.caseInsensitiveKey() ? v.asText().equalsIgnoreCase(e.getValue())
                    : v.asText().equals(e.getValue()));
        })).findFirst().map(ObjectNode::deepCopy);
    }

    @Override
    public List<ObjectNode> list(Kind kind, Map<String, String> filters) {
        calls.add("LIST " + kind.label() + " " + filters);
        return all(kind).stream().filter(o -> filters.entrySet().stream()
                .allMatch(e -> o.path(e.getKey()).asText().equals(e.getValue()))).map(ObjectNode::deepCopy).toList();
    }

    @Override
    public Optional<ObjectNode> findFresh(Kind kind, Map<String, String> key) {
        return find(kind, key);
    }

    @Override
    public void prefetch(java.util.Collection<Kind> kinds) {
        calls.add("PREFETCH " + kinds.stream().map(Kind::label).toList());
    }

    @Override
    public Optional<ObjectNode> getFresh(Kind kind, String id) {
        return get(kind, id);
    }

    @Override
    public Optional<ObjectNode> get(Kind kind, String id) {
        calls.add("GET " + kind.label() + " " + id);
        return Optional.ofNullable(objects.getOrDefault(kind, Map.of()).get(id)).map(ObjectNode::deepCopy);
    }

    @Override
    public ObjectNode create(Kind kind, ObjectNode body) {
        calls.add("POST " + kind.label() + " " + body);
        for (ObjectNode existing : all(kind)) {
            if (existing.has("name") && existing.get("name").equals(body.get("name"))) {
                throw new AuthentikException.Rejected("name: already exists",
                        List.of(new AuthentikException.FieldError("name", "object with this name already exists.")));
            }
        }
        return add(kind, body.toString()).deepCopy();
    }

    @Override
    public ObjectNode patch(Kind kind, String id, ObjectNode body) {
        calls.add("PATCH " + kind.label() + " " + body);
        ObjectNode o = objects.get(kind).get(id);
        o.setAll(body);
        ObjectNode answer = o.deepCopy();
        afterPatch.accept(o);
        return answer;
    }

    @Override
    public boolean delete(Kind kind, String id) {
        calls.add("DELETE " + kind.label() + " " + id);
        return objects.getOrDefault(kind, Map.of()).remove(id) != null;
    }

    List<ObjectNode> all(Kind kind) {
        return new ArrayList<>(objects.getOrDefault(kind, Map.of()).values());
    }

    private static String id(Kind kind, ObjectNode o) {
        return kind.singleton() ? "" : o.get(kind.idField()).asText();
    }
}
