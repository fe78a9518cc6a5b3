package io.github.authentikprovisioner.authentik;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A unit of work against authentik: every call goes through here so it can be counted (reads and writes are
 * reported with each recipe's answer) and so default objects looked up once are not looked up again.
 *
 * <p>Not shared between requests (a desired-state document is one unit of work for all its entries); safe for the
 * concurrent use of one request.
 */
public final class AuthentikSession implements AuthentikObjects {

    private final Authentik authentik;
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger writes = new AtomicInteger();
    private final Map<String, Optional<ObjectNode>> cache = new ConcurrentHashMap<>();
    private final Set<Kind> loadedSets = ConcurrentHashMap.newKeySet();

    private final Duration budget;
    private final long deadline;

    AuthentikSession(Authentik authentik, Duration budget) {
        this.authentik = authentik;
        this.budget = budget;
        this.deadline = System.nanoTime() + budget.toNanos();
    }

    /** Counts a read about to be made, after checking the deadline. */
    private void countRead() {
        beforeCall();
        reads.incrementAndGet();
    }

    /** Counts a write about to be made, after checking the deadline. */
    private void countWrite() {
        beforeCall();
        writes.incrementAndGet();
    }

    /** Stops before a call when this unit of work has used up its time: the caller answers 504 and may re-run. */
    private void beforeCall() {
        if (System.nanoTime() - deadline > 0) {
            throw new AuthentikException.DeadlineExceeded("authentik answered too slowly: this request used up its "
                    + budget.toSeconds() + " s for authentik calls; it stopped before its next call, and running it "
                    + "again converges");
        }
    }

    public int reads() {
        return reads.get();
    }

    public int writes() {
        return writes.get();
    }

    /** The public URL of authentik, for links and configuration. */
    public String publicUrl() {
        return authentik.publicUrl();
    }

    /**
     * Finds the one object whose natural-key fields equal {@code key}, using a filter the schema supports and then
     * checking every key field on our side (authentik ignores filters it does not know).
     */
    @Override
    public Optional<ObjectNode> find(Kind kind, Map<String, String> key) {
        if (kind.singleton()) {
            return Optional.of(settings());
        }
        if (kind.keyFilters().isEmpty() || key.keySet().equals(Set.of(kind.idField()))) {
            String id = key.get(kind.idField());
            if (id == null) {
                throw new IllegalArgumentException(kind + " is found by " + kind.idField() + ", got " + key.keySet());
            }
            return get(kind, id);
        }
        Map<String, String> filters = new LinkedHashMap<>();
        key.forEach((field, value) -> {
            String filter = kind.keyFilters().get(field);
            if (filter != null) {
                filters.put(filter, value);
            }
        });
        if (filters.isEmpty()) {
            throw new IllegalArgumentException(kind + " has no schema filter for any of " + key.keySet());
        }
        List<ObjectNode> matches = list(kind, filters).stream().filter(o -> matches(kind, o, key)).toList();
        if (matches.size() > 1) {
            throw new AuthentikException.Rejected(
                    "authentik holds " + matches.size() + " " + kind.label() + " objects for " + key, List.of());
        }
        return matches.stream().findFirst();
    }

    /**
     * Like {@link #find}, but remembered for the rest of this session: for default objects we only refer to. Kinds
     * with a {@link Kind#referenceSet()} are read all at once on their first lookup (one call for every flow).
     */
    @Override
    public Optional<ObjectNode> findCached(Kind kind, Map<String, String> key) {
        String cacheKey = kind + "|" + key;
        Optional<ObjectNode> hit = cache.get(cacheKey);
        if (hit != null) {
            return hit;
        }
        if (kind.referenceSet().isPresent() && loadedSets.add(kind)) {
            list(kind, kind.referenceSet().get()).forEach(o -> remember(kind, o));
            hit = cache.get(cacheKey);
            if (hit != null) {
                return hit;
            }
        }
        if (loadedSets.contains(kind) && kind.referenceSetCovers(key)) {
            cache.put(cacheKey, Optional.empty());
            return Optional.empty();
        }
        Optional<ObjectNode> found = find(kind, key);
        cache.put(cacheKey, found);
        return found;
    }

    /** Caches {@code o} under each of its natural-key values, as a lookup by any of them would find it. */
    private void remember(Kind kind, ObjectNode o) {
        for (String field : keyFields(kind)) {
            JsonNode value = o.get(field);
            if (value != null && !value.isNull()) {
                cache.put(kind + "|" + Map.of(field, value.asText()), Optional.of(o));
            }
        }
    }

    private static Set<String> keyFields(Kind kind) {
        return kind.keyFilters().isEmpty() ? Set.of(kind.idField()) : kind.keyFilters().keySet();
    }

    /** Reads one object by its detail id; empty when authentik answers 404. */
    @Override
    public Optional<ObjectNode> get(Kind kind, String id) {
        if (kind.singleton()) {
            return Optional.of(settings());
        }
        countRead();
        try {
            return Optional.of(authentik.read("GET " + kind.label(), () -> authentik.api(kind).get(kind.type(), id)));
        } catch (AuthentikException.NotFound e) {
            return Optional.empty();
        }
    }

    /** Every object matching {@code filters}, paging through all pages. */
    @Override
    public List<ObjectNode> list(Kind kind, Map<String, String> filters) {
        List<ObjectNode> all = new ArrayList<>();
        int page = 1;
        while (true) {
            countRead();
            int current = page;
            Page result = authentik.read("LIST " + kind.label(),
                    () -> authentik.api(kind).list(kind.type(), filters, current, authentik.pageSize()));
            all.addAll(result.results());
            if (!result.hasNext() || result.next() <= page) {
                return all;
            }
            page = result.next();
        }
    }

    @Override
    public ObjectNode create(Kind kind, ObjectNode body) {
        countWrite();
        ObjectNode created = Authentik.call("POST " + kind.label(), () -> authentik.api(kind).create(kind.type(), body));
        // an earlier "not there" of this kind may be this object: a later entry of the same document must find it
        cache.entrySet().removeIf(e -> e.getValue().isEmpty() && e.getKey().startsWith(kind + "|"));
        if (loadedSets.contains(kind)) {
            remember(kind, created); // the reference set read before this create stays complete
        }
        return created;
    }

    @Override
    public ObjectNode patch(Kind kind, String id, ObjectNode body) {
        if (kind.singleton()) {
            return patchSettings(body);
        }
        countWrite();
        return Authentik.call("PATCH " + kind.label(), () -> authentik.api(kind).patch(kind.type(), id, body));
    }

    /** Deletes one object; false when it was already gone. */
    @Override
    public boolean delete(Kind kind, String id) {
        countWrite();
        try {
            Authentik.call("DELETE " + kind.label(), () -> {
                authentik.api(kind).delete(kind.type(), id);
                return null;
            });
            return true;
        } catch (AuthentikException.NotFound e) {
            return false;
        }
    }

    /** authentik's system settings. */
    public ObjectNode settings() {
        countRead();
        return authentik.read("GET settings", () -> authentik.admin().settings());
    }

    /** Changes some system settings; never sends {@code flags}. */
    public ObjectNode patchSettings(ObjectNode body) {
        countWrite();
        return Authentik.call("PATCH settings", () -> authentik.admin().patchSettings(body));
    }

    /**
     * Whether {@code object} has these natural-key values, compared as the kind's lookup filter compares them; keys
     * authentik answers in another form than it filters by ({@link Kind#filterMatchedKeys()}) are left to the filter.
     */
    public static boolean matches(Kind kind, ObjectNode object, Map<String, String> key) {
        for (Map.Entry<String, String> e : key.entrySet()) {
            if (kind.filterMatchedKeys().contains(e.getKey())) {
                continue;
            }
            JsonNode actual = object.get(e.getKey());
            String actualText = actual == null || actual.isNull() ? null : actual.asText();
            if (actualText == null) {
                return false;
            }
            boolean equal = kind.caseInsensitiveKey()
                    ? actualText.toLowerCase(Locale.ROOT).equals(e.getValue().toLowerCase(Locale.ROOT))
                    : actualText.equals(e.getValue());
            if (!equal) {
                return false;
            }
        }
        return true;
    }
}
