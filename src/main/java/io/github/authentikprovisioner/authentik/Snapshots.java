package io.github.authentikprovisioner.authentik;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One session's snapshots: every object of a kind as authentik listed it ({@link Kind#snapshot()}), read on first use,
 * kept current with the answers to the session's own writes, and dropped where a write makes them stale (what renders
 * the written kind, what a delete cascades to). Only {@link AuthentikSession} uses it.
 */
final class Snapshots {

    private final Map<Kind, Snapshot> byKind = new ConcurrentHashMap<>();
    private final Function<Kind, List<ObjectNode>> reader;
    private volatile ObjectNode settings;

    /** @param reader lists every object of a kind from authentik, with its snapshot filters */
    Snapshots(Function<Kind, List<ObjectNode>> reader) {
        this.reader = reader;
    }

    /** The snapshot of {@code kind}, created (not read) on first use; empty for kinds without one. */
    Optional<Snapshot> of(Kind kind) {
        if (kind.snapshot().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(byKind.computeIfAbsent(kind, Snapshot::new));
    }

    /** The snapshot of {@code kind} if it has been read. */
    Optional<Snapshot> loaded(Kind kind) {
        return Optional.ofNullable(byKind.get(kind)).filter(Snapshot::loaded);
    }

    /** The kinds read so far (system settings included). */
    Set<Kind> loadedKinds() {
        Set<Kind> out = EnumSet.noneOf(Kind.class);
        byKind.forEach((kind, s) -> {
            if (s.loaded()) {
                out.add(kind);
            }
        });
        if (settings != null) {
            out.add(Kind.SETTINGS);
        }
        return out;
    }

    /** The system settings as last read or written; null before. */
    ObjectNode settings() {
        return settings;
    }

    void settings(ObjectNode current) {
        this.settings = current;
    }

    /**
     * After authentik answered a create or update of {@code kind} with {@code answer}: the object itself, the providers
     * an application now has or no longer has (a provider answers its application's slug and name:
     * authentik/core/api/providers.py, {@code assigned_application_slug}), and the snapshots that render the kind are
     * dropped ({@link Kind#renderedBy()}).
     */
    void written(Kind kind, ObjectNode answer) {
        loaded(kind).ifPresent(s -> s.put(answer));
        if (kind == Kind.APPLICATION) {
            String slug = answer.path("slug").asText();
            String provider = answer.path("provider").isNull() ? null : answer.path("provider").asText(null);
            for (Kind providers : List.of(Kind.PROXY_PROVIDER, Kind.OAUTH2_PROVIDER)) {
                loaded(providers).ifPresent(s -> s.assign(slug, answer.path("name").asText(), provider));
            }
        }
        kind.renderedBy().forEach(byKind::remove);
    }

    /** After a delete: it cascades in authentik's database (bindings, assignments), so those snapshots are read again. */
    void deleted(Kind kind, String id) {
        kind.cascadesTo().ifPresentOrElse(kinds -> kinds.forEach(byKind::remove),
                () -> byKind.keySet().removeIf(k -> k != kind));
        loaded(kind).ifPresent(s -> s.remove(id));
    }

    /**
     * The pk authentik answers as a binding's target for the policy-binding-model id {@code pbm} (its kind's
     * {@link BindingTargets}); empty when no snapshot read so far knows it.
     */
    Optional<String> bindingTargetAlias(Kind kind, String pbm) {
        return kind.bindingTargets().flatMap(rule -> rule.alias(pbm, target -> loaded(target).map(Snapshot::objects)));
    }

    /** Every object of one kind, read on first use and kept up to date with the session's own writes. */
    final class Snapshot {
        private final Kind kind;
        private List<ObjectNode> objects;
        private volatile long readAt;

        Snapshot(Kind kind) {
            this.kind = kind;
        }

        synchronized boolean loaded() {
            return objects != null;
        }

        /** When its read began ({@link System#nanoTime()}). */
        long readAt() {
            return readAt;
        }

        synchronized List<ObjectNode> objects() {
            if (objects == null) {
                readAt = System.nanoTime();
                objects = new ArrayList<>(reader.apply(kind));
            }
            return List.copyOf(objects);
        }

        Optional<ObjectNode> byId(String id) {
            return objects().stream().filter(o -> id.equals(o.path(kind.idField()).asText())).findFirst();
        }

        synchronized void put(ObjectNode object) {
            if (objects == null) {
                return;
            }
            String id = object.path(kind.idField()).asText();
            objects.removeIf(o -> id.equals(o.path(kind.idField()).asText()));
            objects.add(object);
        }

        /** Records that application {@code slug} is served by provider {@code providerPk} (none when null). */
        synchronized void assign(String slug, String name, String providerPk) {
            for (int i = 0; i < objects.size(); i++) {
                ObjectNode o = objects.get(i);
                boolean wasOurs = slug.equals(o.path("assigned_application_slug").asText(null));
                boolean isOurs = o.path("pk").asText().equals(providerPk);
                if (wasOurs != isOurs) {
                    ObjectNode changed = o.deepCopy();
                    changed.put("assigned_application_slug", isOurs ? slug : "");
                    changed.put("assigned_application_name", isOurs ? name : "");
                    objects.set(i, changed);
                }
            }
        }

        synchronized void remove(String id) {
            if (objects != null) {
                objects.removeIf(o -> id.equals(o.path(kind.idField()).asText()));
            }
        }
    }
}
