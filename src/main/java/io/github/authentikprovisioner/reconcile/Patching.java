package io.github.authentikprovisioner.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.authentik.AuthentikException;
import io.github.authentikprovisioner.authentik.AuthentikObjects;

/**
 * How the engine changes an existing object: a PATCH of only the managed fields that differ, with the fields
 * authentik's validation reads alongside them ({@link io.github.authentikprovisioner.authentik.Kind#alwaysSend()},
 * {@link io.github.authentikprovisioner.authentik.Kind#sendTogether()}); a shared list or map is read back and
 * written again while another writer got in between, up to {@link Reconciler#WRITE_ATTEMPTS} times.
 */
final class Patching {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);

    private Patching() {
    }

    /**
     * PATCHes {@code actual} until its managed fields match ({@code differing} of them differ now); the object as
     * authentik holds it afterwards.
     */
    static ObjectNode untilMatching(AuthentikObjects session, Desired.Present p, ObjectNode actual,
            Map<String, Resolved> fields, List<String> differing) {
        boolean verify = differing.stream().anyMatch(f -> fields.get(f).readModifyWrite());
        String id = p.kind().singleton() ? "" : actual.get(p.kind().idField()).asText();
        ObjectNode current = actual;
        for (int attempt = 1; ; attempt++) {
            List<String> todo = differing(fields, current);
            if (todo.isEmpty()) {
                break;
            }
            ObjectNode body = Json.NODES.objectNode();
            for (String f : todo) {
                body.set(f, fields.get(f).write(current.get(f)));
            }
            current = session.patch(p.kind(), id, companions(p, body, fields, current));
            if (!verify) {
                break;
            }
            current = session.getFresh(p.kind(), id).orElseThrow(() -> new AuthentikException.Rejected(
                    p.kind().label() + " '" + p.name() + "' disappeared while it was being updated", List.of()));
            if (differing(fields, current).isEmpty()) {
                break;
            }
            if (attempt == Reconciler.WRITE_ATTEMPTS) {
                throw new Conflict.ConcurrentChange(p.kind().label() + " '" + p.name() + "' kept changing under "
                        + "other writers after " + Reconciler.WRITE_ATTEMPTS + " attempts; retry later");
            }
            LOG.warnf("%s '%s' was changed by another writer; applying again", p.kind().label(), p.name());
        }
        return current;
    }

    static List<String> differing(Map<String, Resolved> fields, ObjectNode actual) {
        List<String> out = new ArrayList<>();
        fields.forEach((name, field) -> {
            if (!field.satisfiedBy(actual.get(name))) {
                out.add(name);
            }
        });
        return out;
    }

    /** {@code body} with the fields authentik reads on every PATCH of the kind, or with the ones it carries. */
    static ObjectNode companions(Desired.Present p, ObjectNode body, Map<String, Resolved> fields,
            ObjectNode current) {
        List<String> companions = new ArrayList<>(p.kind().alwaysSend());
        for (List<String> group : p.kind().sendTogether()) {
            if (group.stream().anyMatch(body::has)) {
                companions.addAll(group);
            }
        }
        for (String f : companions) {
            if (!body.has(f)) {
                JsonNode value = fields.containsKey(f) ? fields.get(f).write(current.get(f)) : current.get(f);
                if (value != null) {
                    body.set(f, value);
                }
            }
        }
        return body;
    }

    /** The pk of {@code object} as answers show it; null when it has none yet. */
    static String pkOf(io.github.authentikprovisioner.authentik.Kind kind, ObjectNode object) {
        JsonNode pk = object.get(kind.pkField());
        return pk == null || pk.isNull() ? null : pk.asText();
    }
}
