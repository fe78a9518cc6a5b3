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
 * reported with each recipe's answer), and each kind of object is read at most once: the first lookup of a kind
 * reads all its objects into this session's snapshot, later lookups and lists are answered from it, and the answers
 * to this session's writes keep it current. Reads that must see other writers go to authentik ({@link #findFresh},
 * {@link #getFresh}).
 *
 * <p>Not shared between requests (a desired-state document is one unit of work for all its entries); safe for the
 * concurrent use of one request.
 */
public final class AuthentikSession implements AuthentikObjects {

    private final Authentik authentik;
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger writes = new AtomicInteger();
    private final Map<Kind, Snapshot> snapshots = new ConcurrentHashMap<>();
    private volatile ObjectNode settings;

    private final Duration budget;
    private final long deadline;
    private final int readConcurrency;

    AuthentikSession(Authentik authentik, Duration budget, int readConcurrency) {
        this.authentik = authentik;
        this.budget = budget;
        this.readConcurrency = readConcurrency;
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

    /** The kinds this session has read a snapshot of (system settings included), in no particular order. */
    public Set<Kind> readKinds() {
        Set<Kind> out = java.util.EnumSet.noneOf(Kind.class);
        snapshots.forEach((kind, s) -> {
            if (s.loaded()) {
                out.add(kind);
            }
        });
        if (settings != null) {
            out.add(Kind.SETTINGS);
        }
        return out;
    }

    /** The public URL of authentik, for links and configuration. */
    public String publicUrl() {
        return authentik.publicUrl();
    }

    /**
     * Finds the one object whose natural-key fields equal {@code key}: from this session's snapshot of the kind when
     * it has one ({@link Kind#snapshot()}), else with a filter the schema supports; every key field is then checked
     * on our side (authentik ignores filters it does not know).
     */
    @Override
    public Optional<ObjectNode> find(Kind kind, Map<String, String> key) {
        return find(kind, key, false);
    }

    /**
     * Like {@link #find}, but always asks authentik, for a read that must see other writers' latest state: the read
     * again under the lock before changing a shared list, the look after a create was refused as taken.
     */
    @Override
    public Optional<ObjectNode> findFresh(Kind kind, Map<String, String> key) {
        return find(kind, key, true);
    }

    private Optional<ObjectNode> find(Kind kind, Map<String, String> key, boolean fresh) {
        if (kind.singleton()) {
            return Optional.of(fresh ? settingsFresh() : settings());
        }
        if (kind.keyFilters().isEmpty() || key.keySet().equals(Set.of(kind.idField()))) {
            String id = key.get(kind.idField());
            if (id == null) {
                throw new IllegalArgumentException(kind + " is found by " + kind.idField() + ", got " + key.keySet());
            }
            return fresh ? getFresh(kind, id) : get(kind, id);
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
        List<ObjectNode> listed = fresh ? remoteList(kind, filters) : list(kind, filters);
        if (fresh) {
            listed.forEach(o -> snapshotOf(kind).ifPresent(s -> s.put(o)));
        }
        List<ObjectNode> matches = listed.stream().filter(o -> matches(kind, o, key)).toList();
        if (matches.size() > 1) {
            throw new AuthentikException.Rejected(
                    "authentik holds " + matches.size() + " " + kind.label() + " objects for " + key, List.of());
        }
        return matches.stream().findFirst();
    }

    /** One object by its detail id, from the kind's snapshot when it has one; empty when there is none. */
    @Override
    public Optional<ObjectNode> get(Kind kind, String id) {
        if (kind.singleton()) {
            return Optional.of(settings());
        }
        Optional<Snapshot> snapshot = snapshotOf(kind);
        if (snapshot.isPresent()) {
            return snapshot.get().byId(id);
        }
        return getFresh(kind, id);
    }

    /** Reads one object by its detail id from authentik; empty when it answers 404. */
    @Override
    public Optional<ObjectNode> getFresh(Kind kind, String id) {
        if (kind.singleton()) {
            return Optional.of(settingsFresh());
        }
        countRead();
        Optional<ObjectNode> found;
        try {
            found = Optional.of(authentik.read("GET " + kind.label(), () -> authentik.api().get(kind.area(), kind.type(), id)));
        } catch (AuthentikException.NotFound e) {
            found = Optional.empty();
        }
        Optional<Snapshot> snapshot = loadedSnapshot(kind);
        if (snapshot.isPresent()) {
            found.ifPresentOrElse(snapshot.get()::put, () -> snapshot.get().remove(id));
        }
        return found;
    }

    /**
     * Every object matching {@code filters}: from the kind's snapshot when every filter can be evaluated on it
     * ({@link LocalFilter}), else from authentik, paging through all pages.
     */
    @Override
    public List<ObjectNode> list(Kind kind, Map<String, String> filters) {
        Optional<Snapshot> snapshot = snapshotOf(kind);
        // one alias lookup per call, not one per object of the snapshot
        Map<String, Optional<String>> aliases = new java.util.HashMap<>();
        java.util.function.Function<String, Optional<String>> alias =
                pbm -> aliases.computeIfAbsent(pbm, id -> bindingTargetAlias(kind, id));
        if (snapshot.isPresent() && LocalFilter.allLocal(kind, filters, alias)) {
            return snapshot.get().objects().stream().filter(o -> filters.entrySet().stream().allMatch(f ->
                    LocalFilter.test(kind, f.getKey(), f.getValue(), o, alias).orElse(false))).toList();
        }
        return remoteList(kind, filters);
    }

    /**
     * Reads the snapshots of {@code kinds} that are not read yet, up to {@code AUTHENTIK_READ_CONCURRENCY} at once:
     * a run that knows what it will look up pays one round of parallel reads instead of one read after another.
     */
    @Override
    public void prefetch(java.util.Collection<Kind> kinds) {
        List<Runnable> reads = new ArrayList<>();
        for (Kind kind : new java.util.LinkedHashSet<>(kinds)) {
            if (kind.singleton() && settings == null) {
                reads.add(this::settings);
            }
            snapshotOf(kind).filter(s -> !s.loaded()).ifPresent(s -> reads.add(s::objects));
        }
        authentik.parallel(reads, readConcurrency);
    }

    private List<ObjectNode> remoteList(Kind kind, Map<String, String> filters) {
        List<ObjectNode> all = new ArrayList<>();
        int page = 1;
        while (true) {
            countRead();
            int current = page;
            Page result = authentik.read("LIST " + kind.label(),
                    () -> authentik.api().list(kind.area(), kind.type(), filters, current, authentik.pageSize()));
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
        ObjectNode created = Authentik.call("POST " + kind.label(), () -> authentik.api().create(kind.area(), kind.type(), body));
        written(kind, created);
        return created;
    }

    @Override
    public ObjectNode patch(Kind kind, String id, ObjectNode body) {
        if (kind.singleton()) {
            return patchSettings(body);
        }
        countWrite();
        ObjectNode patched = Authentik.call("PATCH " + kind.label(),
                () -> authentik.api().patch(kind.area(), kind.type(), id, body));
        written(kind, patched);
        return patched;
    }

    /** Deletes one object; false when it was already gone. */
    @Override
    public boolean delete(Kind kind, String id) {
        countWrite();
        boolean deleted;
        try {
            Authentik.call("DELETE " + kind.label(), () -> {
                authentik.api().delete(kind.area(), kind.type(), id);
                return null;
            });
            deleted = true;
        } catch (AuthentikException.NotFound e) {
            deleted = false;
        }
        authentik.recentWrites().wrote(kind, id);
        // a delete cascades in authentik's database (bindings, assignments): those snapshots are read again
        kind.cascadesTo().ifPresentOrElse(kinds -> kinds.forEach(snapshots::remove),
                () -> snapshots.keySet().removeIf(k -> k != kind));
        loadedSnapshot(kind).ifPresent(s -> s.remove(id));
        return deleted;
    }

    /** The snapshot of {@code kind} for this session, created (not read) on first use; empty for kinds without. */
    private Optional<Snapshot> snapshotOf(Kind kind) {
        if (kind.snapshot().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(snapshots.computeIfAbsent(kind, Snapshot::new));
    }

    /**
     * When the answers {@link #find} gives for {@code kind} were read ({@link System#nanoTime()}): when its snapshot's
     * read began, or now for kinds read one by one.
     */
    @Override
    public long readAt(Kind kind) {
        return loadedSnapshot(kind).map(s -> s.readAt).orElseGet(System::nanoTime);
    }

    private Optional<Snapshot> loadedSnapshot(Kind kind) {
        return Optional.ofNullable(snapshots.get(kind)).filter(Snapshot::loaded);
    }

    /**
     * Keeps the snapshots current after authentik answered a create or update with {@code answer}: the object itself,
     * the providers an application now has or no longer has (a provider answers its application's slug and name:
     * authentik/core/api/providers.py, {@code assigned_application_slug}), and drops the snapshots that render
     * something else of the kind ({@link Kind#renderedBy()}).
     */
    private void written(Kind kind, ObjectNode answer) {
        authentik.recentWrites().wrote(kind, answer.path(kind.pkField()).asText());
        loadedSnapshot(kind).ifPresent(s -> s.put(answer));
        if (kind == Kind.APPLICATION) {
            String slug = answer.path("slug").asText();
            String provider = answer.path("provider").isNull() ? null : answer.path("provider").asText(null);
            for (Kind providers : List.of(Kind.PROXY_PROVIDER, Kind.OAUTH2_PROVIDER)) {
                loadedSnapshot(providers).ifPresent(s -> s.assign(slug, answer.path("name").asText(), provider));
            }
        }
        kind.renderedBy().forEach(snapshots::remove);
    }

    /**
     * The pk authentik answers as a binding's target for the policy-binding-model id {@code pbm} (its kind's
     * {@link BindingTargets}); empty when no snapshot read so far knows it (the lookup then asks authentik).
     */
    private Optional<String> bindingTargetAlias(Kind kind, String pbm) {
        return kind.bindingTargets().flatMap(rule -> rule.alias(pbm,
                target -> loadedSnapshot(target).map(Snapshot::objects)));
    }

    /**
     * Every object of one kind as authentik listed it for this session ({@link Kind#snapshot()}), read on first use
     * and kept up to date with the answers to this session's own writes.
     */
    private final class Snapshot {
        private final Kind kind;
        private List<ObjectNode> objects;
        private volatile long readAt;

        Snapshot(Kind kind) {
            this.kind = kind;
        }

        synchronized boolean loaded() {
            return objects != null;
        }

        synchronized List<ObjectNode> objects() {
            if (objects == null) {
                readAt = System.nanoTime();
                objects = new ArrayList<>(remoteList(kind, kind.snapshot().orElseThrow()));
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

    /**
     * The instances of the outpost with pk {@code uuid} that said hello in the last 15 s (one read, never cached:
     * authentik keeps them in its cache only, authentik/outposts/models.py {@code OutpostState}); empty when none did
     * or the outpost is gone.
     */
    public List<ObjectNode> outpostHealth(String uuid) {
        countRead();
        try {
            List<ObjectNode> out = new ArrayList<>();
            authentik.read("GET outpost health", () -> authentik.api().health(uuid))
                    .forEach(i -> out.add((ObjectNode) i));
            return out;
        } catch (AuthentikException.NotFound e) {
            return List.of();
        }
    }

    /** The user of the token in use ({@code GET /core/users/me/}): whose the calls of this session are. */
    public Authentik.TokenUser tokenUser() {
        countRead();
        return Authentik.TokenUser.of(authentik.read("GET users/me", () -> authentik.api().me()));
    }

    /**
     * The user of the configured token {@code source}, whichever is in use; empty when authentik refuses it (403:
     * unknown key, not an API token, expired, or its user inactive, authentik/api/authentication.py).
     */
    public Optional<Authentik.TokenUser> tokenUser(CurrentToken.Source source) {
        countRead();
        try {
            return Optional.of(Authentik.TokenUser.of(authentik.read("GET users/me", () -> authentik.me(source))));
        } catch (AuthentikException.TokenRefused e) {
            return Optional.empty();
        }
    }

    /**
     * Gives the token {@code identifier} the configured key of {@code source} ({@code POST
     * /core/tokens/{identifier}/set_key/}). An action, not state: authentik never shows a key to diff against
     * (only {@code view_key}, which logs a secret-view event), so it is not a field the engine could reconcile.
     */
    public void setTokenKey(String identifier, CurrentToken.Source source) {
        countWrite();
        ObjectNode body = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                .put("key", authentik.key(source));
        Authentik.call("POST set_key", () -> {
            authentik.api().setKey(identifier, body);
            return null;
        });
    }

    /**
     * Sets the password of the user with pk {@code userPk} ({@code POST /core/users/{id}/set_password/}). An action,
     * not state: no answer of authentik shows a password or its hash to diff against.
     */
    public void setPassword(String userPk, String password) {
        countWrite();
        ObjectNode body = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                .put("password", password);
        Authentik.call("POST set_password", () -> {
            authentik.api().setPassword(userPk, body);
            return null;
        });
        authentik.recentWrites().wrote(Kind.USER, userPk);
    }

    /** Runs independent calls at once, bounded by this session's read concurrency; rethrows the first failure. */
    public void parallel(List<Runnable> calls) {
        authentik.parallel(calls, readConcurrency);
    }

    /** authentik's system settings, read once per session. */
    public ObjectNode settings() {
        ObjectNode known = settings;
        return known != null ? known : settingsFresh();
    }

    private ObjectNode settingsFresh() {
        countRead();
        ObjectNode read = authentik.read("GET settings", () -> authentik.api().settings());
        settings = read;
        return read;
    }

    /** Changes some system settings; never sends {@code flags}. */
    public ObjectNode patchSettings(ObjectNode body) {
        countWrite();
        ObjectNode patched = Authentik.call("PATCH settings", () -> authentik.api().patchSettings(body));
        settings = patched;
        return patched;
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
