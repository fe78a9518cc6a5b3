package io.github.authentikprovisioner.forwardauth;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.github.authentikprovisioner.api.AuthentikCalls;
import io.github.authentikprovisioner.api.RecipeReport;
import io.github.authentikprovisioner.reconcile.Change;
import io.github.authentikprovisioner.reconcile.Status;

/** Answer of {@code PUT /forward-auth}. */
@Schema(name = "ForwardAuthResult")
public record ForwardAuthResult(
        @Schema(description = "created, updated, unchanged, or planned for a dry run") Status status,
        List<Change> changes,
        AuthentikCalls authentikCalls,
        @Schema(description = "pk of the proxy provider; absent when a dry run would create it", nullable = true)
        Integer providerPk,
        @Schema(description = "Slug of the application", examples = "traefik") String applicationSlug,
        @Schema(description = "forwardAuth address Traefik should call",
                examples = "http://authentik-server:9000/outpost.goauthentik.io/auth/traefik") String forwardAuthAddress)
        implements RecipeReport {
}
