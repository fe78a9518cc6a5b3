package io.github.authentikprovisioner.email;

import io.github.authentikprovisioner.access.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.github.authentikprovisioner.api.Problem;
import io.github.authentikprovisioner.api.ProblemResponses;

/**
 * {@code POST /email/test}: the service's equivalent of {@code docker compose exec worker ak test_email RECIPIENT}
 * (seed guide), a test email through authentik's own SMTP settings.
 *
 * <p>A failed delivery answers 200 with {@code delivered: false}, not 502: the report is what the caller asked for,
 * this service did its job, and 502 means "authentik rejected the request" everywhere else in this API. Callers that
 * need a failing exit status check {@code delivered}.
 */
@Path("/email/test")
@Tag(name = "Email")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Scopes.ADMIN)
public class EmailTestResource {

    private final EmailTestService service;

    EmailTestResource(EmailTestService service) {
        this.service = service;
    }

    @POST
    @Operation(summary = "Send a test email through authentik's SMTP settings",
            description = "Sends one plain message to `to` through the AUTHENTIK_EMAIL__* settings authentik uses "
                    + "(host, port, STARTTLS or TLS, login, sender), waiting at most AUTHENTIK_EMAIL__TIMEOUT "
                    + "seconds, and reports whether the server accepted it. A failed delivery is still a 200: "
                    + "delivered is false, step names where it failed (connect, tls, auth, send) and serverReply "
                    + "what the server or the network said. 400 when `to` is not an address or the settings cannot "
                    + "send at all (no AUTHENTIK_EMAIL__HOST; USE_TLS and USE_SSL both true). Calls no authentik API.",
            extensions = @Extension(name = ProblemResponses.NO_AUTHENTIK, value = "true", parseValue = true))
    @APIResponse(responseCode = "200", description = "The attempt was made; delivered says whether it got through",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = EmailTestResult.class)))
    @APIResponse(responseCode = "400", description = "`to` is not one email address (errors[] names to), or "
            + "authentik's SMTP settings cannot send at all (errors[] names AUTHENTIK_EMAIL__HOST, or "
            + "AUTHENTIK_EMAIL__USE_TLS and AUTHENTIK_EMAIL__USE_SSL). Nothing was sent.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    public EmailTestResult send(@Valid @NotNull EmailTest body) {
        return service.send(body);
    }
}
