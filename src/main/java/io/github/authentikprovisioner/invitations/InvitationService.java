package io.github.authentikprovisioner.invitations;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.api.AuthentikCalls;
import io.github.authentikprovisioner.reconcile.Conflict;
import io.github.authentikprovisioner.authentik.AuthentikSession;
import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.reconcile.Desired;
import io.github.authentikprovisioner.reconcile.Key;
import io.github.authentikprovisioner.reconcile.Outcome;
import io.github.authentikprovisioner.reconcile.Reconciler;

/**
 * Invitation links to the invitation enrollment flow: created (and emailed when SMTP is configured), listed and
 * deleted. Every creation makes a new invitation; it is still written through the {@link Reconciler}.
 */
@ApplicationScoped
class InvitationService {

    private static final String NAME_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final Reconciler reconciler;
    private final InvitationMailer mailer;
    private final ObjectMapper json;

    InvitationService(Reconciler reconciler, InvitationMailer mailer, ObjectMapper json) {
        this.reconciler = reconciler;
        this.mailer = mailer;
        this.json = json;
    }

    /** A new invitation, emailed when {@code body} has an address; 409 until the enrollment flow exists. */
    InvitationCreated create(AuthentikSession session, Invitation body, boolean dryRun) {
        String flow = InvitationEnrollmentRecipe.FLOW_SLUG;
        if (session.find(Kind.FLOW, Map.of("slug", flow)).isEmpty()) {
            throw Conflict.of("authentik has no flow '" + flow + "' for invitations yet; run "
                    + "PUT /security/invitation-enrollment first");
        }
        String name = body.name() != null ? body.name() : generatedName();
        Instant expires = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(body.expiresIn());
        Outcome outcome = reconciler.run(session, InvitationRecipe.desired(body, name, expires), dryRun);
        Optional<ObjectNode> created = outcome.object(InvitationRecipe.invitation(name));
        String id = created.map(i -> i.get("pk").asText()).orElse(null);
        String link = id == null ? null : InvitationRecipe.link(session.publicUrl(), flow, id);
        InvitationMailer.Delivery delivery = dryRun
                ? InvitationMailer.Delivery.notSent("dry run: nothing was created or sent")
                : body.email() == null ? InvitationMailer.Delivery.notSent("no email address given")
                : mailer.send(name, body.email(), link, expires, body.singleUse(), session.publicUrl());
        return new InvitationCreated(outcome.status(), outcome.changes(),
                AuthentikCalls.of(session), id, name, link, expires.toString(), body.singleUse(), delivery.sent(),
                delivery.detail(), InvitationCreated.NEXT);
    }

    List<InvitationView> list(AuthentikSession session) {
        Instant now = Instant.now();
        return session.list(Kind.INVITATION, Map.of()).stream().map(i -> view(i, session.publicUrl(), now)).toList();
    }

    /** Deletes the invitation {@code id}; 404 when authentik has none. */
    InvitationDeleted delete(AuthentikSession session, String id, boolean dryRun) {
        ObjectNode invitation = session.get(Kind.INVITATION, id)
                .orElseThrow(() -> new NotFoundException("authentik has no invitation with this id"));
        String name = invitation.get("name").asText();
        Outcome outcome = reconciler.run(session,
                List.of(new Desired.Absent(Kind.INVITATION, Key.of("pk", id), name)), dryRun);
        return new InvitationDeleted(outcome.removalStatus(), outcome.changes(), AuthentikCalls.of(session));
    }

    private InvitationView view(ObjectNode invitation, String publicUrl, Instant now) {
        JsonNode flow = invitation.path("flow_obj");
        String flowSlug = flow.isObject() ? flow.path("slug").asText(null) : null;
        String id = invitation.get("pk").asText();
        JsonNode expires = invitation.get("expires");
        String expiry = expires == null || expires.isNull() ? null : expires.asText();
        return new InvitationView(id, invitation.get("name").asText(), flowSlug,
                flowSlug == null ? null : InvitationRecipe.link(publicUrl, flowSlug, id), expiry,
                expiry != null && Instant.parse(expiry).isBefore(now), invitation.path("single_use").asBoolean(),
                json.convertValue(invitation.path("fixed_data").isObject() ? invitation.get("fixed_data")
                        : json.createObjectNode(), MAP));
    }

    /** A name nobody chose: {@code invitation-} and 12 random letters and digits (2^60 possibilities). */
    static String generatedName() {
        StringBuilder out = new StringBuilder("invitation-");
        for (int i = 0; i < 12; i++) {
            out.append(NAME_ALPHABET.charAt(RANDOM.nextInt(NAME_ALPHABET.length())));
        }
        return out.toString();
    }
}
