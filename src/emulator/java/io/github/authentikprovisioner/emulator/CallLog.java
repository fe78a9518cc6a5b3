package io.github.authentikprovisioner.emulator;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Every call the emulator answered, so tests can assert how many reads and writes a recipe made. */
public final class CallLog {

    /** One answered call: method, path below {@code /api/v3}, query string and status. */
    public record Call(String method, String path, String query, int status) {
        public boolean isWrite() {
            return !method.equals("GET") && !method.equals("HEAD");
        }

        @Override
        public String toString() {
            return method + " " + path + (query.isEmpty() ? "" : "?" + query) + " -> " + status;
        }
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();

    void add(Call call) {
        calls.add(call);
    }

    public List<Call> all() {
        return List.copyOf(calls);
    }

    public long reads() {
        return count(c -> !c.isWrite());
    }

    public long writes() {
        return count(Call::isWrite);
    }

    /** Calls with this method whose path starts with {@code pathPrefix} (e.g. {@code /providers/proxy/}). */
    public long count(String method, String pathPrefix) {
        return count(c -> c.method().equals(method) && c.path().startsWith(pathPrefix));
    }

    public List<Call> writeCalls() {
        return calls.stream().filter(Call::isWrite).toList();
    }

    public long count(Predicate<Call> which) {
        return calls.stream().filter(which).count();
    }

    public void clear() {
        calls.clear();
    }
}
