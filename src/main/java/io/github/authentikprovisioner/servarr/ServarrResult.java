package io.github.authentikprovisioner.servarr;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.github.authentikprovisioner.api.AuthentikCalls;
import io.github.authentikprovisioner.api.RecipeReport;
import io.github.authentikprovisioner.reconcile.Change;
import io.github.authentikprovisioner.reconcile.Status;

/** Answer of {@code POST /apps/servarr} and {@code DELETE /apps/servarr/{slug}}. */
@Schema(name = "ServarrResult")
public record ServarrResult(
        @Schema(description = "created, updated, deleted, unchanged, or planned for a dry run") Status status,
        List<Change> changes,
        AuthentikCalls authentikCalls,
        ServarrAppState app,
        @Schema(description = "Traefik side: the Docker labels to put on the app's container", nullable = true)
        Traefik traefik,
        @Schema(description = "What still keeps people out, for a human: e.g. a gate group without an active member")
        List<String> warnings) implements RecipeReport {

    /** What Traefik needs for this app. */
    @Schema(name = "ServarrTraefik")
    public record Traefik(
            @Schema(description = "Labels for the app's container: its router through the authentik-http chain and "
                    + "the router of its /outpost.goauthentik.io/ paths (also served by /traefik/dynamic-config)")
            Map<String, String> labels) {
    }
}
