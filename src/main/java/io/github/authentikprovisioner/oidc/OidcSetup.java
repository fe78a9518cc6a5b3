package io.github.authentikprovisioner.oidc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What the application itself must be told, spelled out per preset with the real client id and secret (seed: the
 * client-side half of each section), so a container can configure itself from the answer.
 */
@RegisterForReflection
@Schema(name = "OidcSetup", description = "Client-side configuration; its shape depends on the preset. Carries the "
        + "client secret: never log it")
public sealed interface OidcSetup {

    /** The name the seed gives authentik in every application's login settings. */
    String IDENTITY_PROVIDER_NAME = "Authentik";

    /** The authentik side the setup refers to: credentials and the provider's endpoints. */
    record Endpoints(String publicUrl, String slug, String clientId, String clientSecret) {

        public String issuer() {
            return publicUrl + "/application/o/" + slug + "/";
        }

        public String discoveryUrl() {
            return publicUrl + "/application/o/" + slug + "/.well-known/openid-configuration";
        }
    }

    /** The setup of {@code spec}'s preset. */
    static OidcSetup of(OidcApp spec, Endpoints authentik) {
        String scope = String.join(" ", spec.scopes());
        return switch (spec.preset()) {
            case NEXTCLOUD -> Nextcloud.of(authentik, scope);
            case SYNOLOGY -> new Synology(IDENTITY_PROVIDER_NAME, authentik.discoveryUrl(), authentik.clientId(),
                    authentik.clientSecret(), spec.baseUrl() + "/#/signin", scope, "preferred_username",
                    "Needs DSM 7.2 or later: OpenID Connect SSO does not work properly with older DSM (seed).");
            case IMMICH -> new Immich(new Immich.ConfigFile(new Immich.OAuth(true, authentik.issuer(),
                    authentik.clientId(), authentik.clientSecret(), scope, "RS256", true, true,
                    "Login with " + IDENTITY_PROVIDER_NAME)));
            case INVENTREE -> Inventree.of(spec, authentik);
            case GENERIC -> new Generic(authentik.issuer(), authentik.discoveryUrl(), authentik.clientId(),
                    authentik.clientSecret(), scope, authentik.publicUrl() + "/application/o/authorize/",
                    authentik.publicUrl() + "/application/o/token/",
                    authentik.publicUrl() + "/application/o/userinfo/",
                    authentik.publicUrl() + "/application/o/" + spec.slug() + "/jwks/",
                    authentik.publicUrl() + "/application/o/" + spec.slug() + "/end-session/");
        };
    }

    /** Nextcloud's "OpenID Connect user backend" app (user_oidc), configured with occ. */
    @Schema(name = "NextcloudSetup", description = "occ commands for Nextcloud's user_oidc app, run in the Nextcloud "
            + "directory as the web server user (docker compose exec -u www-data nextcloud …)")
    record Nextcloud(
            @Schema(description = "The app to install and enable first (Apps > Integration > OpenID Connect user "
                    + "backend, or 'php occ app:install user_oidc')", examples = "user_oidc") String app,
            @Schema(description = "Each command as arguments, for exec without a shell; the first registers "
                    + "authentik, the second makes it the only login",
                    extensions = @Extension(name = "x-sensitive", value = "true", parseValue = true))
            List<List<String>> commands,
            @Schema(description = "The same commands as shell lines",
                    extensions = @Extension(name = "x-sensitive", value = "true", parseValue = true))
            List<String> shell) implements OidcSetup {

        static Nextcloud of(Endpoints authentik, String scope) {
            List<String> provider = List.of("php", "occ", "user_oidc:provider", IDENTITY_PROVIDER_NAME,
                    "--clientid=" + authentik.clientId(),
                    "--clientsecret=" + authentik.clientSecret(),
                    "--discoveryuri=" + authentik.discoveryUrl(),
                    "--scope=" + scope,
                    "--unique-uid=0",
                    "--mapping-uid=user_id",
                    "--mapping-quota=quota",
                    "--mapping-groups=groups",
                    "--mapping-display-name=name",
                    "--mapping-email=email",
                    "--group-provisioning=1");
            List<String> singleBackend = List.of("php", "occ", "config:app:set", "--value=0", "user_oidc",
                    "allow_multiple_user_backends");
            List<List<String>> commands = List.of(provider, singleBackend);
            return new Nextcloud("user_oidc", commands, commands.stream().map(Nextcloud::shellLine).toList());
        }

        private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

        /** {@code argv} as a POSIX shell line, single-quoting what needs it. */
        static String shellLine(List<String> argv) {
            List<String> out = new ArrayList<>();
            for (String arg : argv) {
                out.add(SHELL_SAFE.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'");
            }
            return String.join(" ", out);
        }
    }

    /** Synology DSM: Control Panel > Domain/LDAP > SSO Client > OpenID Connect SSO Settings. */
    @Schema(name = "SynologySetup", description = "DSM's OpenID Connect SSO settings (Control Panel > Domain/LDAP > "
            + "SSO Client)")
    record Synology(
            @Schema(examples = "Authentik") String name,
            @Schema(description = "Wellknown URL") String wellknownUrl,
            @Schema(description = "Application ID (the client id)") String applicationId,
            @Schema(description = "Application Key (the client secret)",
                    extensions = @Extension(name = "x-sensitive", value = "true", parseValue = true))
            String applicationKey,
            @Schema(description = "Redirect URL") String redirectUrl,
            @Schema(description = "Authorization scope", examples = "openid profile email") String authorizationScope,
            @Schema(description = "Username claim", examples = "preferred_username") String usernameClaim,
            String note) implements OidcSetup {
    }

    /** Immich: Administration > Settings > Authentication Settings > OAuth, or the config file. */
    @Schema(name = "ImmichSetup", description = "Immich's OAuth settings as its config file (IMMICH_CONFIG_FILE) "
            + "holds them")
    record Immich(
            @Schema(description = "Config-file JSON; merge into Immich's config file",
                    extensions = @Extension(name = "x-sensitive", value = "true", parseValue = true))
            ConfigFile configFile) implements OidcSetup {

        /** The part of Immich's config file this service fills. */
        @Schema(name = "ImmichConfigFile")
        public record ConfigFile(OAuth oauth) {
        }

        /** Immich's {@code oauth} settings. */
        @Schema(name = "ImmichOAuth")
        public record OAuth(
                boolean enabled,
                @Schema(description = "authentik's issuer, with the trailing slash") String issuerUrl,
                String clientId,
                @Schema(extensions = @Extension(name = "x-sensitive", value = "true", parseValue = true))
                String clientSecret,
                String scope,
                @Schema(description = "authentik signs with its self-signed certificate") String signingAlgorithm,
                boolean autoRegister,
                @Schema(description = "Skip Immich's login page (seed: AUTO LAUNCH on)") boolean autoLaunch,
                String buttonText) {
        }
    }

    /** InvenTree: a django-allauth social application plus the SSO settings of its Admin Center. */
    @Schema(name = "InventreeSetup", description = "InvenTree's social application (Django admin > Social "
            + "applications) and its SSO settings (Admin Center > System Settings > Login)")
    record Inventree(
            @Schema(description = "Django admin page that holds the social applications") String adminUrl,
            @Schema(extensions = @Extension(name = "x-sensitive", value = "true", parseValue = true))
            SocialApplication socialApplication,
            @Schema(description = "InvenTree global settings to set, by key (booleans on/off, SSO_GROUP_MAP as JSON "
                    + "text)") Map<String, Object> settings,
            @Schema(description = "authentik group to InvenTree group (SSO group map)") Map<String, String> ssoGroupMap,
            @Schema(description = "Groups to create in InvenTree first (Admin Center > Users / Access > Groups)")
            List<String> groups,
            @Schema(description = "The callback URLs InvenTree uses, registered in authentik") List<String> callbackUrls)
            implements OidcSetup {

        /** InvenTree's groups, as the seed names them. */
        static final String ADMINS = "Admins";
        static final String USERS = "Users";

        /** The social application ("ADD SOCIAL APPLICATION"). */
        @Schema(name = "InventreeSocialApplication")
        public record SocialApplication(
                @Schema(description = "Provider", examples = "OpenID Connect") String provider,
                @Schema(description = "Provider ID; the segment of the callback URL", examples = "authentik")
                String providerId,
                @Schema(examples = "Authentik") String name,
                @Schema(description = "Client id") String clientId,
                @Schema(description = "Secret key (the client secret)",
                        extensions = @Extension(name = "x-sensitive", value = "true", parseValue = true))
                String secretKey,
                @Schema(description = "Settings", examples = "{\"server_url\": \"https://auth.example.com/application/o/inventree/\"}")
                Map<String, String> settings) {
        }

        static Inventree of(OidcApp spec, Endpoints authentik) {
            Map<String, String> groupMap = new LinkedHashMap<>();
            groupMap.put(spec.usersGroup(), USERS);
            if (spec.adminGroup() != null) {
                groupMap.put(spec.adminGroup(), ADMINS);
            }
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("LOGIN_ENABLE_SSO", true);
            settings.put("LOGIN_ENABLE_SSO_REG", true);
            settings.put("LOGIN_SIGNUP_SSO_AUTO", true);
            settings.put("LOGIN_ENABLE_SSO_GROUP_SYNC", true);
            settings.put("SSO_REMOVE_GROUPS", true);
            settings.put("LOGIN_ENABLE_REG", false);
            settings.put("SSO_GROUP_KEY", "groups");
            settings.put("SSO_GROUP_MAP", groupMap.entrySet().stream()
                    .map(e -> quote(e.getKey()) + ": " + quote(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}")));
            settings.put("SIGNUP_GROUP", USERS);
            List<String> callbacks = new ArrayList<>();
            for (String base : spec.baseUrls()) {
                callbacks.addAll(spec.preset().redirectsBelow(base));
            }
            return new Inventree(spec.baseUrl() + "/admin/",
                    new SocialApplication("OpenID Connect", "authentik", IDENTITY_PROVIDER_NAME, authentik.clientId(),
                            authentik.clientSecret(), Map.of("server_url", authentik.issuer())),
                    settings, groupMap, List.of(ADMINS, USERS), callbacks);
        }

        private static String quote(String s) {
            return "\"" + new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(s))
                    + "\"";
        }
    }

    /** Any OIDC client: the endpoints and credentials. */
    @Schema(name = "GenericSetup", description = "Endpoints and credentials for any OpenID Connect client")
    record Generic(
            String issuer,
            String discoveryUrl,
            String clientId,
            @Schema(extensions = @Extension(name = "x-sensitive", value = "true", parseValue = true))
            String clientSecret,
            @Schema(examples = "openid email profile") String scope,
            String authorizeUrl,
            String tokenUrl,
            String userinfoUrl,
            String jwksUrl,
            String endSessionUrl) implements OidcSetup {
    }
}
