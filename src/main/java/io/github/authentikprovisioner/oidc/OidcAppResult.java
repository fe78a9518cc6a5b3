package io.github.authentikprovisioner.oidc;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.authentikprovisioner.api.AuthentikCalls;
import io.github.authentikprovisioner.api.RecipeReport;
import io.github.authentikprovisioner.reconcile.Change;
import io.github.authentikprovisioner.reconcile.Status;

/**
 * Answer of {@code POST /apps/oidc} and {@code GET /apps/oidc/{slug}}: what was ensured, the credentials authentik
 * generated for the provider (the same on every call), its endpoints, and the client-side setup.
 *
 * <p>{@code setup} is declared as the sealed {@link OidcSetup}, whose shapes are registered for the native build
 * with it ({@code @RegisterForReflection} there covers its nested records).
 */
@Schema(name = "OidcAppResult", description = "Carries the client secret: never log it",
        extensions = @Extension(name = "x-sensitive", value = "true", parseValue = true))
public record OidcAppResult(
        @Schema(description = "created, updated, unchanged, or planned for a dry run") Status status,
        List<Change> changes,
        AuthentikCalls authentikCalls,
        @Schema(examples = "nextcloud") OidcPreset preset,
        @Schema(examples = "nextcloud") String slug,
        @Schema(examples = "Nextcloud") String name,
        @Schema(examples = "Nextcloud Provider") String providerName,
        @Schema(description = "pk of the OAuth2 provider; absent when a dry run would create it", nullable = true)
        Integer providerPk,
        @Schema(description = "Client ID authentik generated; absent when a dry run would create the provider",
                nullable = true)
        String clientId,
        @Schema(description = "Client secret authentik generated, the same on every call. Sensitive: never log it",
                nullable = true, extensions = @Extension(name = "x-sensitive", value = "true", parseValue = true))
        String clientSecret,
        @Schema(examples = "https://auth.example.com/application/o/nextcloud/") String issuer,
        @Schema(examples = "https://auth.example.com/application/o/nextcloud/.well-known/openid-configuration")
        String discoveryUrl,
        @Schema(description = "Redirect URIs registered with the provider") List<RedirectUri> redirectUris,
        @Schema(description = "Redirect URIs the provider held that this call replaced (would replace, in a dry "
                + "run); empty when none. Two callers giving one application different base URLs replace each "
                + "other's on every run: this shows the other one")
        List<RedirectUri> replacedRedirectUris,
        @Schema(description = "Scopes the application may request", examples = "[\"openid\", \"email\", \"profile\"]")
        List<String> scopes,
        @Schema(description = "Group gating access, if any", nullable = true) String accessGroup,
        @Schema(description = "Group of the application's administrators, if any", nullable = true) String adminGroup,
        @Schema(description = "Client-side configuration; absent when a dry run would create the provider. "
                + "Sensitive: carries the client secret", nullable = true,
                extensions = @Extension(name = "x-sensitive", value = "true", parseValue = true))
        OidcSetup setup,
        @Schema(description = "What still keeps people out, for a human: e.g. a gate group without an active member")
        List<String> warnings) implements RecipeReport {

    /** The answer for {@code spec}, with credentials from {@code provider} (null when a dry run would create it). */
    static OidcAppResult of(Status status, List<Change> changes, AuthentikCalls calls, OidcApp spec,
            String providerName, JsonNode provider, String publicUrl, List<RedirectUri> replaced,
            List<String> warnings) {
        String clientId = provider == null ? null : provider.path("client_id").asText(null);
        String secret = provider == null ? null : provider.path("client_secret").asText(null);
        OidcSetup.Endpoints endpoints = new OidcSetup.Endpoints(publicUrl, spec.slug(), clientId, secret);
        return new OidcAppResult(status, changes, calls, spec.preset(), spec.slug(), spec.name(), providerName,
                provider == null ? null : provider.path("pk").asInt(), clientId, secret, endpoints.issuer(),
                endpoints.discoveryUrl(), spec.effectiveRedirectUris(), List.copyOf(replaced), spec.scopes(),
                spec.accessGroup(),
                spec.adminGroup(), clientId == null ? null : OidcSetup.of(spec, endpoints), List.copyOf(warnings));
    }

    /** Never the secret: records print their components, and this one may end up in a log line. */
    @Override
    public String toString() {
        return "OidcAppResult[status=" + status + ", slug=" + slug + ", clientId=" + clientId + "]";
    }
}
