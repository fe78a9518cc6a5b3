package io.github.authentikprovisioner.protectedapp;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.github.authentikprovisioner.recipes.HttpUrl;
import io.github.authentikprovisioner.recipes.Patterns;
import io.github.authentikprovisioner.recipes.RegexDialect;
import io.github.authentikprovisioner.recipes.ValidRegex;

/**
 * Desired state of one app behind single-application forward auth, reachable only by the members of one group: a
 * {@code forward_single} proxy provider, its application bound to the group, and the provider on the embedded outpost.
 * The outpost looks a host up by exact external host before any domain-level provider
 * (internal/outpost/proxyv2/handlers.go {@code lookupApp}), so this narrows access even under domain-level forward
 * auth. This service's own Swagger UI is protected this way ({@code deploy/desired-state.example.yaml}).
 */
@Schema(name = "ProtectedApp", description = "An app behind sign-in, open to the members of one group")
public record ProtectedApp(
        @Schema(description = "Display name; the provider is called '<name> Provider'", examples = "authentik-provisioner",
                required = true)
        @NotBlank @Size(max = 100) @Pattern(regexp = Patterns.TRIMMED, message = Patterns.TRIMMED_MESSAGE) String name,

        @Schema(description = "Application slug", examples = "authentik-provisioner", required = true)
        @NotBlank @Size(max = 50) @Pattern(regexp = Patterns.SLUG, message = Patterns.SLUG_MESSAGE)
        @Pattern(regexp = Patterns.NOT_RESERVED_SLUG, message = Patterns.NOT_RESERVED_SLUG_MESSAGE) String slug,

        @Schema(description = "URL of the app as browsers reach it", examples = "https://provisioner.example.com",
                required = true)
        @NotBlank @HttpUrl String externalHost,

        @Schema(description = "The only group whose members may pass; it must exist. Other groups bound to the "
                + "application earlier are unbound", examples = "authentik Admins", required = true)
        @NotBlank @Size(max = 150) @Pattern(regexp = Patterns.TRIMMED, message = Patterns.TRIMMED_MESSAGE)
        String accessGroup,

        @Schema(description = "Regular expressions of paths reachable without sign-in", examples = "[\"^/q/health\"]")
        @Size(max = 100) List<@NotNull @ValidRegex(dialect = RegexDialect.GO_RE2) String> unauthenticatedPaths) {

    public ProtectedApp {
        unauthenticatedPaths = unauthenticatedPaths == null ? List.of() : List.copyOf(unauthenticatedPaths);
    }

    public String providerName() {
        return name + " Provider";
    }
}
