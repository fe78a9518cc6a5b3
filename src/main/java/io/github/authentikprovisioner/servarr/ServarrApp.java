package io.github.authentikprovisioner.servarr;

import java.net.URI;
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
 * Desired state of one Servarr-style app behind single-application forward auth whose own HTTP-Basic login is
 * filled in by authentik from group attributes (seed: "Servarr apps").
 */
@Schema(name = "ServarrApp", description = "A Servarr app (Prowlarr, Sonarr, …) with HTTP-Basic credentials forwarded by authentik")
public record ServarrApp(
        @Schema(description = "Display name; the provider is called '<name> Provider'", examples = "Prowlarr", required = true)
        @NotBlank @Size(max = 100) @Pattern(regexp = Patterns.TRIMMED, message = Patterns.TRIMMED_MESSAGE) String name,

        @Schema(description = "Application slug; also prefixes the group attribute keys", examples = "prowlarr", required = true)
        @NotBlank @Size(max = 50) @Pattern(regexp = Patterns.SLUG, message = Patterns.SLUG_MESSAGE)
        @Pattern(regexp = Patterns.NOT_RESERVED_SLUG, message = Patterns.NOT_RESERVED_SLUG_MESSAGE) String slug,

        @Schema(description = "URL of the app as browsers reach it", examples = "https://prowlarr.example.com", required = true)
        @NotBlank @HttpUrl String externalHost,

        @Schema(description = "User name of the app's own HTTP-Basic login", examples = "admin", required = true)
        @NotBlank @Size(max = 200) String username,

        @Schema(description = "Password of the app's own HTTP-Basic login; stored in the group's attributes, never echoed",
                required = true, writeOnly = true)
        @NotBlank @Size(max = 500) String password,

        @Schema(description = "authentik group holding the credentials as attributes", defaultValue = "Servarr Users")
        @Size(min = 1, max = 150) @Pattern(regexp = Patterns.TRIMMED, message = Patterns.TRIMMED_MESSAGE) String group,

        @Schema(description = "Usernames to add to the group (existing members are kept)")
        @Size(max = 500) List<@NotBlank @Size(max = 150)
                @Pattern(regexp = Patterns.TRIMMED, message = Patterns.TRIMMED_MESSAGE) String> members,

        @Schema(description = "Regular expressions of paths reachable without login, e.g. the app's API", examples = "[\"^/api/.*\"]")
        @Size(max = 100) List<@NotNull @ValidRegex(dialect = RegexDialect.GO_RE2) String> unauthenticatedPaths) {

    public ServarrApp {
        group = group == null ? "Servarr Users" : group;
        members = members == null ? List.of() : List.copyOf(members);
        unauthenticatedPaths = unauthenticatedPaths == null ? List.of() : List.copyOf(unauthenticatedPaths);
    }

    public String providerName() {
        return name + " Provider";
    }

    /** Group attribute holding the user name, as the seed names it ({@code prowlarr_user}). */
    public String userAttribute() {
        return slug + "_user";
    }

    /** Group attribute holding the password ({@code prowlarr_password}). */
    public String passwordAttribute() {
        return slug + "_password";
    }

    /** Host name of {@link #externalHost()}. */
    public String host() {
        return URI.create(externalHost).getHost();
    }

    /** Keeps the password out of logs and error messages. */
    @Override
    public String toString() {
        return "ServarrApp[name=" + name + ", slug=" + slug + ", externalHost=" + externalHost + ", group=" + group + "]";
    }
}
