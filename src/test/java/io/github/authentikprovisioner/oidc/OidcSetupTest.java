package io.github.authentikprovisioner.oidc;

import static io.github.authentikprovisioner.oidc.OidcAppRecipeTest.spec;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class OidcSetupTest {

    private static final String ID = "abcdefghijklmnopqrstuvwxyz0123456789ABCD";
    private static final String SECRET = "S3cr3t".repeat(20);

    private static OidcSetup.Endpoints endpoints(String slug) {
        return new OidcSetup.Endpoints("https://auth.example.com", slug, ID, SECRET);
    }

    @Test
    void nextcloudIsTheUserOidcOccCommands() {
        OidcSetup.Nextcloud setup = (OidcSetup.Nextcloud) OidcSetup.of(spec(OidcPreset.NEXTCLOUD,
                "https://nc.example.com"), endpoints("nextcloud"));
        assertThat(setup.app()).isEqualTo("user_oidc");
        assertThat(setup.commands()).containsExactly(
                List.of("php", "occ", "user_oidc:provider", "Authentik", "--clientid=" + ID,
                        "--clientsecret=" + SECRET,
                        "--discoveryuri=https://auth.example.com/application/o/nextcloud/.well-known/openid-configuration",
                        "--scope=openid email profile", "--unique-uid=0", "--mapping-uid=user_id",
                        "--mapping-quota=quota", "--mapping-groups=groups", "--mapping-display-name=name",
                        "--mapping-email=email", "--group-provisioning=1"),
                List.of("php", "occ", "config:app:set", "--value=0", "user_oidc", "allow_multiple_user_backends"));
        assertThat(setup.shell()).containsExactly("php occ user_oidc:provider Authentik --clientid=" + ID
                + " --clientsecret=" + SECRET
                + " --discoveryuri=https://auth.example.com/application/o/nextcloud/.well-known/openid-configuration"
                + " '--scope=openid email profile' --unique-uid=0 --mapping-uid=user_id --mapping-quota=quota"
                + " --mapping-groups=groups --mapping-display-name=name --mapping-email=email --group-provisioning=1",
                "php occ config:app:set --value=0 user_oidc allow_multiple_user_backends");
    }

    @Test
    void shellLinesQuoteWhatTheShellWouldSplitOrExpand() {
        assertThat(OidcSetup.Nextcloud.shellLine(List.of("a b", "it's", "$HOME", "plain=1")))
                .isEqualTo("'a b' 'it'\\''s' '$HOME' plain=1");
    }

    @Test
    void synologyIsTheDsmSsoClientFields() {
        OidcSetup.Synology setup = (OidcSetup.Synology) OidcSetup.of(spec(OidcPreset.SYNOLOGY,
                "https://nas.example.com"), endpoints("nas"));
        assertThat(setup.name()).isEqualTo("Authentik");
        assertThat(setup.wellknownUrl())
                .isEqualTo("https://auth.example.com/application/o/nas/.well-known/openid-configuration");
        assertThat(setup.applicationId()).isEqualTo(ID);
        assertThat(setup.applicationKey()).isEqualTo(SECRET);
        assertThat(setup.redirectUrl()).isEqualTo("https://nas.example.com/#/signin");
        assertThat(setup.authorizationScope()).isEqualTo("openid profile email");
        assertThat(setup.usernameClaim()).isEqualTo("preferred_username");
        assertThat(setup.note()).contains("DSM 7.2");
    }

    @Test
    void immichIsItsConfigFileOAuthSection() {
        OidcSetup.Immich setup = (OidcSetup.Immich) OidcSetup.of(spec(OidcPreset.IMMICH,
                "https://immich.example.com"), endpoints("immich"));
        OidcSetup.Immich.OAuth oauth = setup.configFile().oauth();
        assertThat(oauth.enabled()).isTrue();
        assertThat(oauth.issuerUrl()).isEqualTo("https://auth.example.com/application/o/immich/");
        assertThat(oauth.clientId()).isEqualTo(ID);
        assertThat(oauth.clientSecret()).isEqualTo(SECRET);
        assertThat(oauth.autoLaunch()).isTrue();
        assertThat(oauth.autoRegister()).isTrue();
        assertThat(oauth.scope()).isEqualTo("openid email profile");
        assertThat(oauth.signingAlgorithm()).isEqualTo("RS256");
    }

    @Test
    void inventreeIsTheSocialApplicationSsoSettingsAndGroupMap() {
        OidcApp spec = new OidcApp(OidcPreset.INVENTREE, "https://inventree.example.com",
                List.of("https://parts.example.com"), null, null, null, null, null, null, null, false);
        OidcSetup.Inventree setup = (OidcSetup.Inventree) OidcSetup.of(spec, endpoints("inventree"));
        assertThat(setup.adminUrl()).isEqualTo("https://inventree.example.com/admin/");
        OidcSetup.Inventree.SocialApplication social = setup.socialApplication();
        assertThat(social.provider()).isEqualTo("OpenID Connect");
        assertThat(social.providerId()).isEqualTo("authentik");
        assertThat(social.name()).isEqualTo("Authentik");
        assertThat(social.clientId()).isEqualTo(ID);
        assertThat(social.secretKey()).isEqualTo(SECRET);
        assertThat(social.settings()).isEqualTo(Map.of("server_url", "https://auth.example.com/application/o/inventree/"));
        assertThat(setup.ssoGroupMap()).containsExactly(Map.entry("inventree Users", "Users"),
                Map.entry("inventree Admins", "Admins"));
        assertThat(setup.settings()).containsEntry("LOGIN_ENABLE_SSO", true).containsEntry("LOGIN_ENABLE_SSO_REG", true)
                .containsEntry("LOGIN_SIGNUP_SSO_AUTO", true).containsEntry("LOGIN_ENABLE_SSO_GROUP_SYNC", true)
                .containsEntry("SSO_REMOVE_GROUPS", true).containsEntry("LOGIN_ENABLE_REG", false)
                .containsEntry("SSO_GROUP_MAP", "{\"inventree Users\": \"Users\", \"inventree Admins\": \"Admins\"}")
                .containsEntry("SIGNUP_GROUP", "Users");
        assertThat(setup.groups()).containsExactly("Admins", "Users");
        assertThat(setup.callbackUrls()).containsExactly(
                "https://inventree.example.com/accounts/authentik/login/callback/",
                "https://parts.example.com/accounts/authentik/login/callback/");
    }

    @Test
    void genericIsTheEndpointsAndCredentials() {
        OidcApp spec = new OidcApp(OidcPreset.GENERIC, null, null, "Wiki", null, null,
                List.of(RedirectUri.strict("https://wiki.example.com/cb")), null, null, null, false);
        OidcSetup.Generic setup = (OidcSetup.Generic) OidcSetup.of(spec, endpoints("wiki"));
        assertThat(setup.issuer()).isEqualTo("https://auth.example.com/application/o/wiki/");
        assertThat(setup.discoveryUrl())
                .isEqualTo("https://auth.example.com/application/o/wiki/.well-known/openid-configuration");
        assertThat(setup.clientId()).isEqualTo(ID);
        assertThat(setup.clientSecret()).isEqualTo(SECRET);
        assertThat(setup.scope()).isEqualTo("openid email profile");
        assertThat(setup.authorizeUrl()).isEqualTo("https://auth.example.com/application/o/authorize/");
        assertThat(setup.tokenUrl()).isEqualTo("https://auth.example.com/application/o/token/");
        assertThat(setup.userinfoUrl()).isEqualTo("https://auth.example.com/application/o/userinfo/");
        assertThat(setup.jwksUrl()).isEqualTo("https://auth.example.com/application/o/wiki/jwks/");
        assertThat(setup.endSessionUrl()).isEqualTo("https://auth.example.com/application/o/wiki/end-session/");
    }
}
