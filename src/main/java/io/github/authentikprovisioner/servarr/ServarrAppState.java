package io.github.authentikprovisioner.servarr;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Servarr app as authentik holds it (never with its password): as a request makes it ({@link #of}) or as it is read
 * back ({@link #read}), one shape either way.
 */
@Schema(name = "ServarrAppState")
public record ServarrAppState(
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

    /** The app {@code spec} asks for, with the provider pk authentik gave it (null when a dry run would create it). */
    static ServarrAppState of(ServarrApp spec, Integer providerPk, boolean assigned) {
        return new ServarrAppState(spec.name(), spec.slug(), spec.externalHost(), providerPk, spec.providerName(),
                spec.group(), List.of(spec.userAttribute(), spec.passwordAttribute()), assigned,
                spec.unauthenticatedPaths());
    }

    /**
     * The app as authentik holds it: its application, its provider, whether the embedded outpost serves the
     * provider ({@code served} pks), and the groups that may hold its credentials.
     */
    static ServarrAppState read(ObjectNode app, ObjectNode provider, Set<String> served, List<ObjectNode> groups) {
        Set<String> keys = ServarrApps.attributeKeys(provider);
        List<String> holding = ServarrApps.groupsHolding(groups, keys);
        String paths = provider.path("skip_path_regex").asText("");
        return new ServarrAppState(app.path("name").asText(), app.path("slug").asText(),
                provider.path("external_host").asText(), provider.path("pk").asInt(), provider.path("name").asText(),
                holding.isEmpty() ? null : holding.getFirst(),
                List.of(provider.path("basic_auth_user_attribute").asText(""),
                        provider.path("basic_auth_password_attribute").asText("")),
                served.contains(provider.path("pk").asText()),
                paths.isBlank() ? List.of() : Arrays.stream(paths.split("\n")).filter(l -> !l.isBlank()).toList());
    }
}
