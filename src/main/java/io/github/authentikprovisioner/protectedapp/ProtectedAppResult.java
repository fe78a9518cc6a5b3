package io.github.authentikprovisioner.protectedapp;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.github.authentikprovisioner.api.AuthentikCalls;
import io.github.authentikprovisioner.api.RecipeReport;
import io.github.authentikprovisioner.reconcile.Change;
import io.github.authentikprovisioner.reconcile.Status;

/** Answer of {@code PUT /apps/protected}. */
@Schema(name = "ProtectedAppResult")
public record ProtectedAppResult(
        @Schema(description = "created, updated, unchanged, or planned for a dry run") Status status,
        List<Change> changes,
        AuthentikCalls authentikCalls,
        @Schema(description = "pk of the proxy provider; absent in a dry run that would create it", examples = "7")
        Integer providerPk,
        @Schema(examples = "authentik-provisioner") String slug,
        @Schema(examples = "authentik Admins") String accessGroup,
        @Schema(description = "Labels for the app's container: its router through the authentik chain and the router "
                + "of its /outpost.goauthentik.io/ paths") Map<String, String> traefikLabels,
        @Schema(description = "What still keeps people out, for a human: e.g. a gate group without an active member")
        List<String> warnings) implements RecipeReport {
}
