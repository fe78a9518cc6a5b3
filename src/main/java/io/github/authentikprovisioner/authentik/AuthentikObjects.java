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

    /** Like {@link #find}, remembered for the rest of the unit of work (for default objects only referred to). */
    Optional<ObjectNode> findCached(Kind kind, Map<String, String> key);

    /** Every object matching {@code filters} (schema-supported filters only), all pages. */
    java.util.List<ObjectNode> list(Kind kind, Map<String, String> filters);

    /** One object by its detail id; empty when it does not exist. */
    Optional<ObjectNode> get(Kind kind, String id);

    ObjectNode create(Kind kind, ObjectNode body);

    ObjectNode patch(Kind kind, String id, ObjectNode body);

    /** Deletes one object; false when it was already gone. */
    boolean delete(Kind kind, String id);
}
