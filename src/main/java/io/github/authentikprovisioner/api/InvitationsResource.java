package io.github.authentikprovisioner.api;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.authentik.Authentik;
import io.github.authentikprovisioner.authentik.AuthentikSession;
import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.invitations.InvitationMailer;
import io.github.authentikprovisioner.recipes.Invitation;
import io.github.authentikprovisioner.recipes.InvitationEnrollmentRecipe;
import io.github.authentikprovisioner.recipes.InvitationRecipe;
import io.github.authentikprovisioner.reconcile.Desired;
import io.github.authentikprovisioner.reconcile.Key;
import io.github.authentikprovisioner.reconcile.Outcome;
import io.github.authentikprovisioner.reconcile.Reconciler;

/**
 * Invitation links to the invitation enrollment flow (seed: "Invitations", last step), emailed by this service when
 * SMTP is configured. Every {@code POST} makes a new invitation; it is still written through the {@link Reconciler}.
 */
@Path("/invitations")
@Tag(name = "Invitations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InvitationsResource {

    private static final String UUID = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
    private static final String NAME_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final Authentik authentik;
    private final Reconciler reconciler;
    private final InvitationMailer mailer;
    private final ObjectMapper json;

    InvitationsResource(Authentik authentik, Reconciler reconciler, InvitationMailer mailer, ObjectMapper json) {
        this.authentik = authentik;
        this.reconciler = reconciler;
        this.mailer = mailer;
        this.json = json;
    }

    @POST
    @Operation(summary = "Create an invitation link, and email it when SMTP is configured",
            description = "Creates a new invitation to the flow enrollment-invitation (409 until "
                    + "PUT /security/invitation-enrollment made it) and answers its link. With an email address and "
                    + "AUTHENTIK_EMAIL__HOST set, the service emails the link itself; emailed/emailDetail say whether "
                    + "that worked. The invitation exists either way.")
    public RestResponse<InvitationCreated> create(@Valid @NotNull Invitation body,
            @Parameter(description = "Only check and report the plan; create and send nothing")
            @QueryParam("dryRun") boolean dryRun) {
        AuthentikSession session = authentik.session();
        String flow = InvitationEnrollmentRecipe.FLOW_SLUG;
        if (session.findCached(Kind.FLOW, Map.of("slug", flow)).isEmpty()) {
            throw new ConflictException("authentik has no flow '" + flow + "' for invitations yet; run "
                    + "PUT /security/invitation-enrollment first");
        }
        String name = body.name() != null ? body.name() : generatedName();
        Instant expires = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(body.expiresIn());
        Map<String, String> key = Map.of("name", name);
        // the reconciler's own lock of this name (reentrant): no other request creates it between check and write
        Outcome outcome = reconciler.exclusively(Kind.INVITATION, key.toString(), () -> {
            if (body.name() != null && session.find(Kind.INVITATION, key).isPresent()) {
                throw new ConflictException("an invitation named '" + name + "' exists already; choose another "
                        + "name or leave it out to have one generated");
            }
            return reconciler.run(session, InvitationRecipe.desired(body, name, expires), dryRun);
        });
        Optional<ObjectNode> created = outcome.object(InvitationRecipe.invitation(name));
        String id = created.map(i -> i.get("pk").asText()).orElse(null);
        String link = id == null ? null : InvitationRecipe.link(session.publicUrl(), flow, id);
        InvitationMailer.Delivery delivery = dryRun
                ? InvitationMailer.Delivery.notSent("dry run: nothing was created or sent")
                : body.email() == null ? InvitationMailer.Delivery.notSent("no email address given")
                : mailer.send(name, body.email(), link, expires, body.singleUse(), session.publicUrl());
        return RecipeReport.respond(outcome, new InvitationCreated(outcome.status(), outcome.changes(),
                AuthentikCalls.of(session), id, name, link, expires.toString(), body.singleUse(), delivery.sent(),
                delivery.detail()));
    }

    @GET
    @Operation(summary = "List invitations", description = "Every invitation authentik holds, with its flow, link "
            + "and expiry.")
    public List<InvitationView> list() {
        AuthentikSession session = authentik.session();
        Instant now = Instant.now();
        return session.list(Kind.INVITATION, Map.of()).stream().map(i -> view(i, session.publicUrl(), now)).toList();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete an invitation", description = "Deletes the invitation (its link stops working); "
            + "404 when authentik has no such invitation.")
    public RestResponse<InvitationDeleted> delete(
            @Parameter(description = "The invitation's id (its token)") @PathParam("id")
            @Pattern(regexp = UUID, message = "must be an invitation id (a UUID)") String id,
            @Parameter(description = "Only report the plan; delete nothing") @QueryParam("dryRun") boolean dryRun) {
        AuthentikSession session = authentik.session();
        ObjectNode invitation = session.get(Kind.INVITATION, id)
                .orElseThrow(() -> new NotFoundException("authentik has no invitation with this id"));
        String name = invitation.get("name").asText();
        Outcome outcome = reconciler.run(session,
                List.of(new Desired.Absent(Kind.INVITATION, Key.of("name", name), name)), dryRun);
        return RestResponse.ok(new InvitationDeleted(outcome.removalStatus(), outcome.changes(), AuthentikCalls.of(session)));
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
