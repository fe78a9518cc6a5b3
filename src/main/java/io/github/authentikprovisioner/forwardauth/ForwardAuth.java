package io.github.authentikprovisioner.forwardauth;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.github.authentikprovisioner.recipes.Consent;
import io.github.authentikprovisioner.recipes.Patterns;
import io.github.authentikprovisioner.recipes.RegexDialect;
import io.github.authentikprovisioner.recipes.ValidRegex;

/**
 * Desired state of domain-level forward auth: one proxy provider in {@code forward_domain} mode covering every host
 * under {@code cookieDomain}, its application, and its assignment to the embedded outpost.
 */
@Schema(name = "ForwardAuth", description = "Domain-level forward auth (seed: 'Applications setup')")
public record ForwardAuth(
        @Schema(description = "Parent domain whose hosts share the login cookie", examples = "example.com",
                required = true)
        @NotBlank @Pattern(regexp = Patterns.DOMAIN, message = Patterns.DOMAIN_MESSAGE) String cookieDomain,

        @Schema(description = "Session length in the outpost, authentik duration syntax", defaultValue = "hours=24",
                examples = "hours=24")
        @Pattern(regexp = Patterns.DURATION, message = Patterns.DURATION_MESSAGE) String tokenValidity,

        @Schema(description = "implicit: no consent prompt after login; explicit: ask once per application",
                defaultValue = "implicit")
        Consent consent,

        @Schema(description = "Regular expressions of URLs reachable without login (matched against the full URL "
                + "for domain-level forward auth)", examples = "[\"^https://status\\\\.example\\\\.com/.*\"]")
        @Size(max = 100) List<@ValidRegex(dialect = RegexDialect.GO_RE2)
        @Pattern(regexp = "^(?!\\^/)[\\s\\S]*$", message = WHOLE_URL_MESSAGE) String> unauthenticatedPaths,

        @Schema(description = "Name of the proxy provider", defaultValue = "Traefik Provider")
        @Size(min = 1, max = 200)
        @Pattern(regexp = Patterns.TRIMMED, message = Patterns.TRIMMED_MESSAGE) String providerName,

        @Schema(description = "Name of the application", defaultValue = "Traefik")
        @Size(min = 1, max = 200)
        @Pattern(regexp = Patterns.TRIMMED, message = Patterns.TRIMMED_MESSAGE) String applicationName,

        @Schema(description = "Slug of the application", defaultValue = "traefik")
        @Size(min = 1, max = 50) @Pattern(regexp = Patterns.SLUG, message = Patterns.SLUG_MESSAGE)
        @Pattern(regexp = Patterns.NOT_RESERVED_SLUG, message = Patterns.NOT_RESERVED_SLUG_MESSAGE) String applicationSlug) {

    /**
     * A domain-level provider's skip paths are matched against the whole URL, {@code https://host/path?query}
     * (internal/outpost/proxyv2/application/mode_common.go {@code IsAllowlisted}: {@code u.String()} unless the mode
     * is proxy or forward_single), so a pattern anchored at the path never lets anything through.
     */
    static final String WHOLE_URL_MESSAGE = "is anchored at '/', but domain-level forward auth matches the whole URL "
            + "(https://host/path), so it would never match; anchor it at the scheme, e.g. ^https://[^/]+/api/.*";

    public ForwardAuth {
        tokenValidity = tokenValidity == null ? "hours=24" : tokenValidity;
        consent = consent == null ? Consent.IMPLICIT : consent;
        unauthenticatedPaths = unauthenticatedPaths == null ? List.of() : unauthenticatedPaths;
        providerName = providerName == null ? "Traefik Provider" : providerName;
        applicationName = applicationName == null ? "Traefik" : applicationName;
        applicationSlug = applicationSlug == null ? "traefik" : applicationSlug;
    }
}
