package io.github.authentikprovisioner.authentik;

import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The object operations the reconcile engine needs from authentik: find by natural key, read, create, patch,
 * delete. {@link AuthentikSession} implements them over HTTP; tests of the engine use an in-memory implementation.
 */
public interface AuthentikObjects {

    /** The one object whose natural-key fields equal {@code key}; empty when there is none. */
    Optional<ObjectNode> find(Kind kind, Map<String, String> key);

    /** Like {@link #find}, but as authentik holds it now, for a read that must see other writers. */
    Optional<ObjectNode> findFresh(Kind kind, Map<String, String> key);

    /** Every object matching {@code filters} (schema-supported filters only), all pages. */
    java.util.List<ObjectNode> list(Kind kind, Map<String, String> filters);

    /** One object by its detail id; empty when it does not exist. */
    Optional<ObjectNode> get(Kind kind, String id);

    /** Like {@link #get}, but as authentik holds it now (the read back that verifies a write). */
    Optional<ObjectNode> getFresh(Kind kind, String id);

    /**
     * When the answers {@link #find} gives for {@code kind} were read, as {@link System#nanoTime()}: a writer that
     * finished after it may have changed them. Now, for an implementation that always reads afresh.
     */
    default long readAt(Kind kind) {
        return System.nanoTime();
    }

    /** A hint that objects of these kinds are about to be looked up, so they can be read at once; may do nothing. */
    default void prefetch(java.util.Collection<Kind> kinds) {
    }

    /**
     * Records that a dry run plans to create the object of {@code key}, so the later plans of this session (a
     * document's next entries) refer to it as the object an applied run would have made.
     */
    default void planCreate(Kind kind, Map<String, String> key) {
    }

    /** Whether a dry run of this session planned to create the object of {@code key} ({@link #planCreate}). */
    default boolean plannedCreate(Kind kind, Map<String, String> key) {
        return false;
    }

    ObjectNode create(Kind kind, ObjectNode body);

    ObjectNode patch(Kind kind, String id, ObjectNode body);

    /** Deletes one object; false when it was already gone. */
    boolean delete(Kind kind, String id);
}
