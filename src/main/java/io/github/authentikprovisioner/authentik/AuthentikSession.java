package io.github.authentikprovisioner.authentik;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

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
    private final Snapshots snapshots = new Snapshots(kind -> remoteList(kind, kind.snapshot().orElseThrow()));
    private final AuthentikActions actions;
    /** The natural keys of the objects a dry run of this session planned to create, per kind. */
    private final Map<Kind, List<Map<String, String>>> plannedCreates = new java.util.concurrent.ConcurrentHashMap<>();

    private final Deadline deadline;
    private final int readConcurrency;

    AuthentikSession(Authentik authentik, Deadline deadline, int readConcurrency) {
        this.authentik = authentik;
        this.readConcurrency = readConcurrency;
        this.deadline = deadline;
        this.actions = new AuthentikActions(authentik, this);
    }

    /** The calls that are not object state: tokens, passwords, outpost heartbeats. */
    public AuthentikActions actions() {
        return actions;
    }

    @Override
    public void planCreate(Kind kind, Map<String, String> key) {
        plannedCreates.computeIfAbsent(kind, k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(Map.copyOf(key));
    }

    @Override
    public boolean plannedCreate(Kind kind, Map<String, String> key) {
        return plannedCreates.getOrDefault(kind, List.of()).stream().anyMatch(planned -> planned.size() == key.size()
                && key.entrySet().stream().allMatch(e -> kind.caseInsensitiveKey()
                        ? e.getValue().equalsIgnoreCase(planned.get(e.getKey()))
                        : e.getValue().equals(planned.get(e.getKey()))));
    }

    /** Counts a read about to be made, after checking the deadline. */
    void countRead() {
        beforeCall();
        reads.incrementAndGet();
    }

    /** Counts a write about to be made, after checking the deadline. */
    void countWrite() {
        beforeCall();
        writes.incrementAndGet();
    }

    /** Stops before a call when this unit of work has used up its time: the caller answers 504 and may re-run. */
    private void beforeCall() {
        deadline.check();
    }

    /** When this unit of work must be done calling authentik. */
    Deadline deadline() {
        return deadline;
    }

    public int reads() {
        return reads.get();
    }

    public int writes() {
        return writes.get();
    }

    /** The kinds this session has read a snapshot of (system settings included), in no particular order. */
    public Set<Kind> readKinds() {
        return snapshots.loadedKinds();
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
            listed.forEach(o -> snapshots.of(kind).ifPresent(s -> s.put(o)));
        }
        List<ObjectNode> matches = listed.stream().filter(o -> kind.matches(o, key)).toList();
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
        Optional<Snapshots.Snapshot> snapshot = snapshots.of(kind);
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
            found = Optional.of(authentik.read("GET " + kind.label(), deadline, () -> authentik.api().get(kind.area(), kind.type(), id)));
        } catch (AuthentikException.NotFound e) {
            found = Optional.empty();
        }
        Optional<Snapshots.Snapshot> snapshot = snapshots.loaded(kind);
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
        Optional<Snapshots.Snapshot> snapshot = snapshots.of(kind);
        // one alias lookup per call, not one per object of the snapshot
        Map<String, Optional<String>> aliases = new java.util.HashMap<>();
        java.util.function.Function<String, Optional<String>> alias =
                pbm -> aliases.computeIfAbsent(pbm, id -> snapshots.bindingTargetAlias(kind, id));
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
            if (kind.singleton() && snapshots.settings() == null) {
                reads.add(this::settings);
            }
            snapshots.of(kind).filter(s -> !s.loaded()).ifPresent(s -> reads.add(s::objects));
        }
        authentik.parallel(reads, readConcurrency);
    }

    private List<ObjectNode> remoteList(Kind kind, Map<String, String> filters) {
        List<ObjectNode> all = new ArrayList<>();
        int page = 1;
        while (true) {
            countRead();
            int current = page;
            Page result = authentik.read("LIST " + kind.label(), deadline,
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
        ObjectNode created = authentik.call("POST " + kind.label(), deadline, () -> authentik.api().create(kind.area(), kind.type(), body));
        written(kind, created);
        return created;
    }

    @Override
    public ObjectNode patch(Kind kind, String id, ObjectNode body) {
        if (kind.singleton()) {
            return patchSettings(body);
        }
        countWrite();
        ObjectNode patched = authentik.call("PATCH " + kind.label(), deadline,
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
            authentik.call("DELETE " + kind.label(), deadline, () -> {
                authentik.api().delete(kind.area(), kind.type(), id);
                return null;
            });
            deleted = true;
        } catch (AuthentikException.NotFound e) {
            deleted = false;
        }
        authentik.recentWrites().wrote(kind, id);
        snapshots.deleted(kind, id);
        return deleted;
    }

    /**
     * When the answers {@link #find} gives for {@code kind} were read ({@link System#nanoTime()}): when its snapshot's
     * read began, or now for kinds read one by one.
     */
    @Override
    public long readAt(Kind kind) {
        return snapshots.loaded(kind).map(Snapshots.Snapshot::readAt).orElseGet(System::nanoTime);
    }

    /** Records this process's write of {@code kind} and keeps the snapshots current with authentik's answer. */
    private void written(Kind kind, ObjectNode answer) {
        authentik.recentWrites().wrote(kind, answer.path(kind.pkField()).asText());
        snapshots.written(kind, answer);
    }

    /** Runs independent calls at once, bounded by this session's read concurrency; rethrows the first failure. */
    public void parallel(List<Runnable> calls) {
        authentik.parallel(calls, readConcurrency);
    }

    /** authentik's system settings ({@link Kind#SETTINGS}), read once per session. */
    private ObjectNode settings() {
        ObjectNode known = snapshots.settings();
        return known != null ? known : settingsFresh();
    }

    private ObjectNode settingsFresh() {
        countRead();
        ObjectNode read = authentik.read("GET settings", deadline, () -> authentik.api().settings());
        snapshots.settings(read);
        return read;
    }

    /** Changes some system settings; never sends {@code flags}. */
    private ObjectNode patchSettings(ObjectNode body) {
        countWrite();
        ObjectNode patched = authentik.call("PATCH settings", deadline, () -> authentik.api().patchSettings(body));
        snapshots.settings(patched);
        return patched;
    }
}
