package io.github.authentikprovisioner.emulator;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.emulator.Hooks.Write;

/**
 * The rules of {@code stages/invitation/invitations}: the Invitation model, an ExpiringModel
 * (authentik/core/models.py).
 */
final class InvitationRules {

    private InvitationRules() {
    }

    /** Who created it (akadmin, for every invitation here) and its flow in full. */
    static void answerFields(Renderer r, ObjectNode stored, ObjectNode o) {
        o.set("created_by", r.partialUser(akadmin(r)));
        o.set("flow_obj", stored.path("flow").isNull() ? NullNode.instance
                : r.flowByPk(stored.get("flow").asText()).map(f -> r.render(r.collection("flows/instances"), f))
                        .map(JsonNode.class::cast).orElse(NullNode.instance));
    }

    private static ObjectNode akadmin(Renderer r) {
        return r.all("core/users").filter(u -> "akadmin".equals(u.path("username").asText())).findFirst()
                .orElseThrow();
    }

    /**
     * ExpiringModel: an expiry left empty becomes now + the default token duration (authentik/core/signals.py with
     * core/models.py default_token_duration()).
     */
    static void defaultExpiry(Write w) {
        if (w.merged().path("expires").isNull()) {
            w.merged().put("expires", w.store().now.plus(AuthentikLib.duration(w.store().settings
                    .path("default_token_duration").asText("minutes=30"))).toString());
        }
    }

    /**
     * Deletes every invitation whose expiry has passed, as authentik's periodic cleanup of expired models does
     * every 5 minutes (authentik/core/tasks.py clean_expired_models).
     */
    static void deleteExpired(RuleContext ctx) {
        Collection invitations = ctx.collection("stages/invitation/invitations");
        ctx.store.list(invitations).stream()
                .filter(i -> !i.path("expires").isNull()
                        && Instant.parse(i.get("expires").asText()).isBefore(ctx.store.now))
                .forEach(i -> ctx.delete(invitations, i));
    }
}
