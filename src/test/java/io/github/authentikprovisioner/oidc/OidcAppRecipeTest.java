package io.github.authentikprovisioner.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.recipes.Defaults;
import io.github.authentikprovisioner.recipes.Managed;
import io.github.authentikprovisioner.recipes.Refs;
import io.github.authentikprovisioner.recipes.SeedText;
import io.github.authentikprovisioner.reconcile.Desired;
import io.github.authentikprovisioner.reconcile.Field;
import io.github.authentikprovisioner.reconcile.Key;
import io.github.authentikprovisioner.reconcile.Ref;

class OidcAppRecipeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static OidcApp spec(OidcPreset preset, String baseUrl) {
        return new OidcApp(preset, baseUrl, null, null, null, null, null, null, null, null, false);
    }

    @Test
    void nextcloudIsTheSeedsGroupsMappingProviderApplicationGateAndSetting() {
        OidcApp spec = spec(OidcPreset.NEXTCLOUD, "https://nc.example.com/");
        List<Desired> desired = OidcAppRecipe.desired(spec, OidcAppRecipe.newProvider(spec), List.of());

        assertThat(desired).extracting(Desired::kind).containsExactly(Kind.GROUP, Kind.GROUP, Kind.SCOPE_MAPPING,
                Kind.OAUTH2_PROVIDER, Kind.APPLICATION, Kind.POLICY_BINDING, Kind.SETTINGS);
        assertThat(desired).extracting(Desired::name).containsExactly("nextcloud Users", "nextcloud Admins",
                "Nextcloud Profile", "Nextcloud Provider", "nextcloud", "nextcloud → nextcloud Users",
                "system settings");
        assertThat(entries(present(desired, Kind.GROUP, "nextcloud Users"), "attributes"))
                .isEqualTo(JSON.valueToTree(Map.of("authentik-provisioner/oidc/nextcloud", "access")));
        assertThat(entries(present(desired, Kind.GROUP, "nextcloud Admins"), "attributes"))
                .isEqualTo(JSON.valueToTree(Map.of("authentik-provisioner/oidc/nextcloud", "admin")));

        Desired.Present mapping = present(desired, Kind.SCOPE_MAPPING, "Nextcloud Profile");
        assertThat(value(mapping, "scope_name").asText()).isEqualTo("profile");
        assertThat(SeedText.normalised(value(mapping, "expression").asText()))
                .isEqualTo(SeedText.normalised(SeedText.nextcloudProfileExpressionUpdated()));

        Desired.Present provider = present(desired, Kind.OAUTH2_PROVIDER, "Nextcloud Provider");
        assertThat(provider.fields()).containsOnlyKeys("name", "authorization_flow", "invalidation_flow", "client_type",
                "redirect_uris", "property_mappings", "sub_mode", "include_claims_in_id_token", "signing_key")
                .as("credentials are authentik's to generate").doesNotContainKeys("client_id", "client_secret");
        assertThat(ref(provider, "authorization_flow"))
                .isEqualTo(Defaults.flow("default-provider-authorization-implicit-consent"));
        assertThat(ref(provider, "invalidation_flow")).isEqualTo(Defaults.flow("default-provider-invalidation-flow"));
        assertThat(ref(provider, "signing_key"))
                .isEqualTo(Ref.to(Kind.CERTIFICATE, "name", "authentik Self-signed Certificate"));
        assertThat(value(provider, "client_type").asText()).isEqualTo("confidential");
        assertThat(value(provider, "sub_mode").asText()).isEqualTo("user_username");
        assertThat(value(provider, "include_claims_in_id_token").asBoolean()).isTrue();
        assertThat(redirects(provider)).containsExactly(strict("https://nc.example.com/apps/user_oidc/code"));
        assertThat(((Field.RefSet) provider.fields().get("property_mappings")).refs()).containsExactlyInAnyOrder(
                Ref.to(Kind.SCOPE_MAPPING, "managed", "goauthentik.io/providers/oauth2/scope-openid"),
                Ref.to(Kind.SCOPE_MAPPING, "managed", "goauthentik.io/providers/oauth2/scope-email"),
                Ref.to(Kind.SCOPE_MAPPING, "managed", "goauthentik.io/providers/oauth2/scope-profile"),
                Ref.to(Kind.SCOPE_MAPPING, "name", "Nextcloud Profile"));

        Desired.Present app = present(desired, Kind.APPLICATION, "nextcloud");
        assertThat(value(app, "name").asText()).isEqualTo("Nextcloud");
        assertThat(ref(app, "provider")).isEqualTo(Ref.to(Kind.OAUTH2_PROVIDER, "name", "Nextcloud Provider"));
        assertThat(value(app, "meta_publisher").asText()).isEqualTo(Managed.PUBLISHER);

        Desired.Present gate = present(desired, Kind.POLICY_BINDING, "nextcloud → nextcloud Users");
        assertThat(gate.key()).isEqualTo(Key.of("target", Refs.application("nextcloud"),
                "group", Refs.group("nextcloud Users")));
        assertThat(value(present(desired, Kind.SETTINGS, "system settings"), "default_user_change_username")
                .asBoolean()).isFalse();
    }

    @Test
    void synologyUsesTheUsernameAsSubjectAndTheSigninRedirect() {
        OidcApp spec = spec(OidcPreset.SYNOLOGY, "https://nas.example.com");
        List<Desired> desired = OidcAppRecipe.desired(spec, OidcAppRecipe.newProvider(spec), List.of());
        assertThat(desired).extracting(Desired::kind).containsExactly(Kind.OAUTH2_PROVIDER, Kind.APPLICATION);
        Desired.Present provider = present(desired, Kind.OAUTH2_PROVIDER, "Synology Provider");
        assertThat(redirects(provider)).containsExactly(strict("https://nas.example.com/#/signin"));
        assertThat(value(provider, "sub_mode").asText()).isEqualTo("user_username");
        assertThat(value(present(desired, Kind.APPLICATION, "nas"), "name").asText()).isEqualTo("NAS");
        assertThat(spec.scopes()).containsExactly("openid", "profile", "email");
    }

    @Test
    void immichRegistersWebAndMobileRedirects() {
        OidcApp spec = spec(OidcPreset.IMMICH, "https://immich.example.com");
        List<Desired> desired = OidcAppRecipe.desired(spec, OidcAppRecipe.newProvider(spec), List.of());
        Desired.Present provider = present(desired, Kind.OAUTH2_PROVIDER, "Immich Provider");
        assertThat(redirects(provider)).containsExactly(strict("https://immich.example.com/auth/login"),
                strict("https://immich.example.com/user-settings"), strict("app.immich:///oauth-callback"));
        assertThat(value(provider, "sub_mode").asText()).isEqualTo("hashed_user_id");
        assertThat(desired).extracting(Desired::kind).containsExactly(Kind.OAUTH2_PROVIDER, Kind.APPLICATION);
    }

    @Test
    void inventreeHasItsGroupsUngatedAndOneCallbackPerHost() {
        OidcApp spec = new OidcApp(OidcPreset.INVENTREE, "https://inventree.example.com",
                List.of("https://parts.example.com/"), null, null, null, null, null, null, null, false);
        List<Desired> desired = OidcAppRecipe.desired(spec, OidcAppRecipe.newProvider(spec), List.of());
        assertThat(desired).extracting(Desired::kind).containsExactly(Kind.GROUP, Kind.GROUP, Kind.OAUTH2_PROVIDER,
                Kind.APPLICATION);
        assertThat(entries(present(desired, Kind.GROUP, "inventree Users"), "attributes"))
                .isEqualTo(JSON.valueToTree(Map.of("authentik-provisioner/oidc/inventree", "users")));
        assertThat(entries(present(desired, Kind.GROUP, "inventree Admins"), "attributes"))
                .isEqualTo(JSON.valueToTree(Map.of("authentik-provisioner/oidc/inventree", "admin")));
        assertThat(redirects(present(desired, Kind.OAUTH2_PROVIDER, "Inventree Provider"))).containsExactly(
                strict("https://inventree.example.com/accounts/authentik/login/callback/"),
                strict("https://parts.example.com/accounts/authentik/login/callback/"));
    }

    @Test
    void genericTakesTheCallersRedirectsScopesAndGate() {
        OidcApp spec = new OidcApp(OidcPreset.GENERIC, null, null, "Paperless NGX", null, null,
                List.of(RedirectUri.strict("https://docs.example.com/accounts/oidc/authentik/login/callback/"),
                        RedirectUri.matching("^https://docs\\.example\\.com/.*$")),
                List.of("profile", "openid", "offline_access"), "paperless", null, false);
        assertThat(spec.slug()).isEqualTo("paperless-ngx");
        assertThat(spec.defaultProviderName()).isEqualTo("Paperless NGX Provider");
        assertThat(spec.scopes()).containsExactly("openid", "profile", "offline_access");
        List<Desired> desired = OidcAppRecipe.desired(spec, OidcAppRecipe.newProvider(spec), List.of());
        Desired.Present provider = present(desired, Kind.OAUTH2_PROVIDER, "Paperless NGX Provider");
        assertThat(redirects(provider)).containsExactly(
                strict("https://docs.example.com/accounts/oidc/authentik/login/callback/"),
                Map.of("matching_mode", "regex", "url", "^https://docs\\.example\\.com/.*$"));
        assertThat(((Field.RefSet) provider.fields().get("property_mappings")).refs()).containsExactlyInAnyOrder(
                OidcAppRecipe.managedScope("openid"), OidcAppRecipe.managedScope("profile"),
                OidcAppRecipe.managedScope("offline_access"));
        assertThat(desired).extracting(Desired::kind).containsExactly(Kind.GROUP, Kind.OAUTH2_PROVIDER,
                Kind.APPLICATION, Kind.POLICY_BINDING);

        OidcApp open = new OidcApp(OidcPreset.GENERIC, null, null, "Wiki", null, null,
                List.of(RedirectUri.strict("https://wiki.example.com/cb")), null, null, null, false);
        assertThat(OidcAppRecipe.desired(open, OidcAppRecipe.newProvider(open), List.of())).extracting(Desired::kind)
                .containsExactly(Kind.OAUTH2_PROVIDER, Kind.APPLICATION);
    }

    @Test
    void namesDefaultPerPresetAndProviderNamesFollowOtherSlugs() {
        assertThat(spec(OidcPreset.NEXTCLOUD, "https://nc.example.com").defaultProviderName())
                .isEqualTo("Nextcloud Provider");
        OidcApp second = new OidcApp(OidcPreset.NEXTCLOUD, "https://nc2.example.com", null, "Nextcloud 2", "nc2",
                null, null, null, null, null, false);
        assertThat(second.defaultProviderName()).isEqualTo("Nextcloud 2 Provider");
        assertThat(second.accessGroup()).isEqualTo("nextcloud Users");
        OidcApp named = new OidcApp(OidcPreset.IMMICH, "https://i.example.com", null, null, null, "Photos", null,
                null, null, null, false);
        assertThat(named.defaultProviderName()).isEqualTo("Photos");
    }

    @Test
    void anotherAdminGroupGetsItsOwnNextcloudProfile() {
        OidcApp spec = new OidcApp(OidcPreset.NEXTCLOUD, "https://nc.example.com", null, null, null, null, null,
                null, "staff", "it", false);
        List<Desired> desired = OidcAppRecipe.desired(spec, OidcAppRecipe.newProvider(spec), List.of());
        assertThat(desired).extracting(Desired::name).contains("staff", "it", "Nextcloud Profile (it)",
                "nextcloud → staff");
        assertThat(value(present(desired, Kind.SCOPE_MAPPING, "Nextcloud Profile (it)"), "expression").asText())
                .contains("if \"it\" in groups:");
    }

    @Test
    void staleGatesAreUnboundAndUnmarked() {
        OidcApp spec = spec(OidcPreset.NEXTCLOUD, "https://nc.example.com");
        List<Desired> desired = OidcAppRecipe.desired(spec, OidcAppRecipe.newProvider(spec),
                List.of(new OidcAppRecipe.StaleGate("g-pk", "old users")));
        Desired.Present unmarked = present(desired, Kind.GROUP, "old users");
        assertThat(unmarked.fields().get("attributes"))
                .isEqualTo(Field.withoutEntries(java.util.Set.of("authentik-provisioner/oidc/nextcloud")));
        assertThat(desired).filteredOn(d -> d instanceof Desired.Absent).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Kind.POLICY_BINDING);
            assertThat(d.key()).isEqualTo(Key.of("target", Refs.application("nextcloud"), "group", "g-pk"));
        });
    }

    static Desired.Present present(List<Desired> desired, Kind kind, String name) {
        return desired.stream().filter(d -> d.kind() == kind && d.name().equals(name))
                .map(Desired.Present.class::cast).findFirst().orElseThrow(() -> new AssertionError(kind + " " + name));
    }

    private static JsonNode value(Desired.Present d, String field) {
        return ((Field.Value) d.fields().get(field)).value();
    }

    private static JsonNode entries(Desired.Present d, String field) {
        return ((Field.Entries) d.fields().get(field)).entries();
    }

    private static Ref ref(Desired.Present d, String field) {
        return ((Field.RefTo) d.fields().get(field)).ref();
    }

    private static List<Map<String, String>> redirects(Desired.Present provider) {
        Field.Value v = (Field.Value) provider.fields().get("redirect_uris");
        assertThat(v.unordered()).as("redirect URIs compare as a set").isTrue();
        return JSON.convertValue(v.value(), new com.fasterxml.jackson.core.type.TypeReference<>() { });
    }

    private static Map<String, String> strict(String url) {
        return Map.of("matching_mode", "strict", "url", url);
    }
}
