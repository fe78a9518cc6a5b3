package io.github.authentikprovisioner.emulator;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import org.jboss.logging.Logger;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Seeds the emulator the way a fresh authentik install is seeded: by applying the upstream default and system
 * blueprints ({@code shared/authentik/blueprints}) in dependency order. Supports the YAML tags those files use
 * ({@code !KeyOf !Find !Env !Context !If !Condition}); entries of models the emulator does not serve are skipped.
 */
final class Blueprints {

    private static final Logger LOG = Logger.getLogger(Blueprints.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Writes writes;
    private final Store store;
    /** Environment variables the blueprints read ({@code !Env}) that the emulator sets itself, over the process's. */
    private final Map<String, String> environment;

    Blueprints(Writes writes, Store store) {
        this(writes, store, Map.of());
    }

    Blueprints(Writes writes, Store store, Map<String, String> environment) {
        this.writes = writes;
        this.store = store;
        this.environment = Map.copyOf(environment);
    }

    /** Applies every blueprint below {@code dir}/system and {@code dir}/default; returns the number of objects. */
    int apply(Path dir) {
        List<Entry> pending = new ArrayList<>();
        for (String folder : List.of("system", "default")) {
            Path d = dir.resolve(folder);
            if (!Files.isDirectory(d)) {
                throw new IllegalStateException("blueprints missing at " + d.toAbsolutePath()
                        + ": fetch them with scripts/fetch-authentik-reference.sh");
            }
            try (Stream<Path> files = Files.list(d)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                    pending.addAll(read(f));
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read blueprints in " + d, e);
            }
        }
        int applied = 0;
        boolean progress = true;
        while (!pending.isEmpty() && progress) {
            progress = false;
            for (Iterator<Entry> it = pending.iterator(); it.hasNext(); ) {
                Entry e = it.next();
                try {
                    if (apply(e)) {
                        applied++;
                    }
                    it.remove();
                    progress = true;
                } catch (Unresolved u) {
                    // depends on an object of a blueprint not applied yet; try again in the next round
                }
            }
        }
        pending.forEach(e -> LOG.debugf("blueprint entry not applied: %s %s", e.model, e.identifiers));
        return applied;
    }

    private boolean apply(Entry e) {
        Optional<Collection> target = store.catalog.byModel(e.model);
        if (target.isEmpty()) {
            e.file.skipped.add(e.id);
            return false;
        }
        for (Object condition : e.conditions) {
            if (!truthy(eval(condition, e.file, false))) {
                e.file.skipped.add(e.id);
                return false;
            }
        }
        Collection c = target.get();
        Map<String, Object> ids = evalMap(e.identifiers, e);
        Map<String, Object> values = evalMap(e.attrs, e);
        if (ids == null || values == null) {
            // refers to an object of a model the emulator does not serve (e.g. a notification rule)
            e.file.skipped.add(e.id);
            return false;
        }
        ObjectNode identifiers = (ObjectNode) JSON.valueToTree(ids);
        ObjectNode attrs = (ObjectNode) JSON.valueToTree(values);
        Optional<ObjectNode> existing = store.all(c).filter(o -> matches(o, identifiers)).findFirst();
        ObjectNode object;
        if (existing.isPresent()) {
            object = existing.get();
            if (!"created".equals(e.state)) {
                // through the serializer, identifiers included, as the importer validates and saves an update
                // (authentik/blueprints/v1/importer.py: the entry's attrs updated with its identifiers)
                ObjectNode body = attrs.deepCopy();
                body.setAll(identifiers);
                body.remove(List.of("password", "key", "permissions"));
                writes.update(c, object, body);
            }
        } else {
            ObjectNode body = identifiers.deepCopy();
            body.setAll(attrs);
            body.remove(List.of("password", "key", "permissions"));
            object = writes.create(c, body);
            for (Hooks.BlueprintFields rule : c.blueprintFields) {
                rule.created(object, values); // fields only a blueprint sets, e.g. a token's key
            }
        }
        if (e.id != null) {
            e.file.ids.put(e.id, object);
        }
        return true;
    }

    /** The evaluated fields; null when one of them is a reference to a skipped object. */
    private Map<String, Object> evalMap(Map<String, Object> map, Entry e) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> field : map.entrySet()) {
            Object value = eval(field.getValue(), e.file,
                    "authentik_policies.policybinding".equals(e.model) && field.getKey().equals("target"));
            if (value == SKIPPED) {
                if (field.getValue() instanceof KeyOf) {
                    return null;
                }
                continue;
            }
            out.put(field.getKey(), value);
        }
        return out;
    }

    private static final Object SKIPPED = new Object();

    private Object eval(Object v, BlueprintFile file, boolean bindingTarget) {
        return switch (v) {
            case KeyOf k -> {
                if (file.skipped.contains(k.id)) {
                    yield SKIPPED;
                }
                ObjectNode o = file.ids.get(k.id);
                if (o == null) {
                    throw new Unresolved();
                }
                // KeyOf of a policy binding model used as binding target resolves to its pbm id, as authentik's does
                yield bindingTarget && o.has("policybindingmodel_ptr_id") ? o.get("policybindingmodel_ptr_id").asText()
                        : pk(o);
            }
            case Find f -> find(f, file);
            case Env env -> Optional.ofNullable(environment.getOrDefault(env.name, System.getenv(env.name)))
                    .map(Object.class::cast).orElse(env.fallback);
            case Context ctx -> eval(file.context.get(ctx.key), file, false);
            case If i -> truthy(eval(i.args.getFirst(), file, false))
                    ? (i.args.size() > 1 ? eval(i.args.get(1), file, false) : true)
                    : (i.args.size() > 2 ? eval(i.args.get(2), file, false) : false);
            case Condition c -> condition(c, file);
            case Unsupported u -> SKIPPED;
            case Map<?, ?> m -> {
                Map<String, Object> out = new LinkedHashMap<>();
                m.forEach((k, x) -> {
                    Object value = eval(x, file, false);
                    if (value != SKIPPED) {
                        out.put(String.valueOf(k), value);
                    }
                });
                yield out;
            }
            case List<?> l -> l.stream().map(x -> eval(x, file, false)).filter(x -> x != SKIPPED).toList();
            case null -> null;
            default -> v;
        };
    }

    private Object find(Find f, BlueprintFile file) {
        Collection c = store.catalog.byModel(String.valueOf(f.args.getFirst())).orElse(null);
        if (c == null) {
            return null;
        }
        ObjectNode query = JSON.createObjectNode();
        for (Object pair : f.args.subList(1, f.args.size())) {
            List<?> kv = (List<?>) pair;
            query.set(String.valueOf(kv.get(0)), JSON.valueToTree(eval(kv.get(1), file, false)));
        }
        Optional<ObjectNode> hit = store.all(c).filter(o -> matches(o, query)).findFirst();
        if (hit.isEmpty()) {
            throw new Unresolved();
        }
        return pk(hit.get());
    }

    private Object condition(Condition c, BlueprintFile file) {
        String mode = String.valueOf(c.args.getFirst());
        List<Boolean> values = new ArrayList<>();
        for (Object arg : c.args.subList(1, c.args.size())) {
            try {
                values.add(truthy(eval(arg, file, false)));
            } catch (Unresolved u) {
                values.add(false); // !Find of something that does not exist is falsy
            }
        }
        boolean any = values.contains(true);
        boolean all = !values.contains(false);
        return switch (mode) {
            case "AND" -> all;
            case "NAND" -> !all;
            case "OR" -> any;
            case "NOR" -> !any;
            case "XOR" -> values.stream().filter(b -> b).count() == 1;
            default -> throw new IllegalArgumentException("condition mode " + mode);
        };
    }

    private static Object pk(ObjectNode o) {
        JsonNode pk = o.has("pk") ? o.get("pk") : o.get("brand_uuid");
        return pk.isInt() ? pk.asInt() : pk.asText();
    }

    private static boolean matches(ObjectNode o, ObjectNode query) {
        for (Map.Entry<String, JsonNode> q : query.properties()) {
            JsonNode actual = o.get(q.getKey());
            if (actual == null || !actual.asText().equals(q.getValue().asText())) {
                return false;
            }
        }
        return true;
    }

    private static boolean truthy(Object v) {
        return v != null && v != SKIPPED && !Boolean.FALSE.equals(v) && !"".equals(v)
                && !(v instanceof java.util.Collection<?> c && c.isEmpty());
    }

    @SuppressWarnings("unchecked")
    private static List<Entry> read(Path file) {
        Yaml yaml = new Yaml(new TagConstructor());
        try (Reader r = Files.newBufferedReader(file)) {
            Map<String, Object> doc = yaml.load(r);
            BlueprintFile bf = new BlueprintFile();
            Object context = doc.get("context");
            if (context instanceof Map<?, ?> m) {
                bf.context.putAll((Map<String, Object>) m);
            }
            List<Entry> entries = new ArrayList<>();
            for (Object raw : (List<Object>) doc.getOrDefault("entries", List.of())) {
                Map<String, Object> e = (Map<String, Object>) raw;
                Entry entry = new Entry(bf, String.valueOf(e.get("model")), (String) e.get("id"),
                        (String) e.getOrDefault("state", "present"),
                        (Map<String, Object>) Objects.requireNonNullElse(e.get("identifiers"), Map.of()),
                        (Map<String, Object>) Objects.requireNonNullElse(e.get("attrs"), Map.of()),
                        (List<Object>) Objects.requireNonNullElse(e.get("conditions"), List.of()));
                entries.add(entry);
            }
            return entries;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    /** One blueprint file: its context and the objects its entries created, by entry id. */
    private static final class BlueprintFile {
        final Map<String, Object> context = new HashMap<>();
        final Map<String, ObjectNode> ids = new HashMap<>();
        final java.util.Set<String> skipped = new java.util.HashSet<>();
    }

    private record Entry(BlueprintFile file, String model, String id, String state, Map<String, Object> identifiers,
            Map<String, Object> attrs, List<Object> conditions) {
    }

    private static final class Unresolved extends RuntimeException {
        Unresolved() {
            super(null, null, false, false);
        }
    }

    private record KeyOf(String id) {
    }

    private record Find(List<Object> args) {
    }

    private record Env(String name, Object fallback) {
    }

    private record Context(String key) {
    }

    private record If(List<Object> args) {
    }

    private record Condition(List<Object> args) {
    }

    private record Unsupported(String tag) {
    }

    /** SnakeYAML constructor that turns authentik's custom tags into the records above. */
    private static final class TagConstructor extends SafeConstructor {
        TagConstructor() {
            super(new LoaderOptions());
            yamlConstructors.put(new Tag("!KeyOf"), scalar(KeyOf::new));
            yamlConstructors.put(new Tag("!Context"), scalar(Context::new));
            yamlConstructors.put(new Tag("!Find"), sequence(Find::new));
            yamlConstructors.put(new Tag("!If"), sequence(If::new));
            yamlConstructors.put(new Tag("!Condition"), sequence(Condition::new));
            yamlConstructors.put(new Tag("!Env"), new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    if (node instanceof ScalarNode s) {
                        return new Env(constructScalar(s), null);
                    }
                    List<?> args = constructSequence((SequenceNode) node);
                    return new Env(String.valueOf(args.get(0)), args.size() > 1 ? args.get(1) : null);
                }
            });
            for (String tag : List.of("!Enumerate", "!Format", "!Value", "!Index", "!File", "!ParseJSON",
                    "!AtIndex")) {
                yamlConstructors.put(new Tag(tag), new AbstractConstruct() {
                    @Override
                    public Object construct(Node node) {
                        return new Unsupported(tag);
                    }
                });
            }
        }

        private AbstractConstruct scalar(java.util.function.Function<String, Object> make) {
            return new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    return make.apply(constructScalar((ScalarNode) node));
                }
            };
        }

        private AbstractConstruct sequence(java.util.function.Function<List<Object>, Object> make) {
            return new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    return make.apply(new ArrayList<>(constructSequence((SequenceNode) node)));
                }
            };
        }
    }
}
