package io.github.authentikprovisioner.oidc;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.github.authentikprovisioner.api.AuthentikCalls;

/** One OIDC application this service manages, as {@code GET /apps/oidc} lists it: no secrets. */
@Schema(name = "OidcAppSummary")
public record OidcAppSummary(
        @Schema(examples = "nextcloud") String slug,
        @Schema(examples = "Nextcloud") String name,
        @Schema(description = "Recognised from the redirect URIs the preset derived", examples = "nextcloud")
        OidcPreset preset,
        @Schema(examples = "Nextcloud Provider") String providerName,
        @Schema(description = "Client ID (the secret only comes with GET /apps/oidc/{slug})") String clientId,
        @Schema(examples = "https://auth.example.com/application/o/nextcloud/") String issuer) {

    /** Answer of {@code GET /apps/oidc}. */
    @Schema(name = "OidcAppList")
    public record Page(List<OidcAppSummary> apps, AuthentikCalls authentikCalls) {
    }
}
