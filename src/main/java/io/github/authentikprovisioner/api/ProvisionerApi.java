package io.github.authentikprovisioner.api;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The OpenAPI description of this service: every endpoint needs the bearer token. */
@OpenAPIDefinition(
        info = @Info(title = "authentik-provisioner", version = "0.1.0",
                description = "Idempotent recipes that put authentik in front of Traefik-proxied services. "
                        + "Each call describes desired state: repeating it changes nothing. Every mutating call "
                        + "accepts ?dryRun=true and then only reports its plan.",
                license = @License(name = "MIT")),
        security = @SecurityRequirement(name = ProvisionerApi.BEARER),
        tags = {
                @Tag(name = "Forward auth", description = "Domain-level forward auth through the embedded outpost"),
                @Tag(name = "Servarr apps", description = "Single-application forward auth with HTTP-Basic forwarding"),
                @Tag(name = "Traefik", description = "Traefik's side of the setup, served to Traefik"),
                @Tag(name = "Desired state", description = "Every recipe as one line of a document, applied on demand "
                        + "or kept applied from a file"),
                @Tag(name = "OIDC applications", description = "OpenID Connect apps with their credentials and setup"),
                @Tag(name = "Login and security", description = "Single page login, password policy, MFA, recovery, invitation-only enrollment"),
                @Tag(name = "Invitations", description = "Invitation links to the invitation enrollment flow, emailed by this service"),
                @Tag(name = "Email", description = "authentik's SMTP settings, tested with a real email")
        })
@SecurityScheme(securitySchemeName = ProvisionerApi.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "A client's token: PROVISIONER_API_TOKEN (scope admin) or one of PROVISIONER_CLIENTS_FILE. Each "
                + "operation lists the scopes that let a client call it (any one of them); apps/<type>/{slug} means "
                + "the scope of that one app.")
public class ProvisionerApi extends Application {

    /** The security scheme of every operation: a client's bearer token; each operation lists the scopes it takes. */
    public static final String BEARER = "provisionerToken";
    /** The media type of YAML documents this service reads and writes (desired state, Traefik configuration). */
    public static final String YAML = "application/yaml";
}
