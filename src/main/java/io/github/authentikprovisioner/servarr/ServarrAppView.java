package io.github.authentikprovisioner.servarr;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A Servarr app as authentik holds it (never with its password). */
@Schema(name = "ServarrAppState")
public record ServarrAppView(
        @Schema(examples = "Prowlarr") String name,
        @Schema(examples = "prowlarr") String slug,
        @Schema(examples = "https://prowlarr.example.com") String externalHost,
        @Schema(description = "pk of its proxy provider; absent when a dry run would create it", nullable = true)
        Integer providerPk,
        @Schema(examples = "Prowlarr Provider") String providerName,
        @Schema(description = "Group whose attributes hold the credentials", examples = "Servarr Users", nullable = true)
        String group,
        @Schema(description = "Group attribute keys holding the user name and the password")
        List<String> attributeKeys,
        @Schema(description = "Whether the embedded outpost serves its provider") boolean assigned,
        List<String> unauthenticatedPaths) {
}
