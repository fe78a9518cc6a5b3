package io.github.authentikprovisioner.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.ApiTestSupport;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The emulator answers as authentik 2026.2.2 does where the service depends on it and the schema says nothing: each
 * test names the upstream file it mirrors.
 */
@QuarkusTest
class UpstreamParityTest extends ApiTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** authentik/policies/api/bindings.py: PolicyBindingModelForeignKey and PolicyBindingFilter. */
    @Test
    void aPolicyBindingOnAFlowStageBindingAnswersTheBindingsOwnPkAndIsFilteredByItsPolicyBindingModelPk() {
        JsonNode fsb = passwordStageBinding();
        String ptr = fsb.get("policybindingmodel_ptr_id").asText();
        String own = fsb.get("pk").asText();
        assertThat(own).isNotEqualTo(ptr);

        JsonNode byPtr = emulator.list("/policies/bindings/?target=" + ptr).getFirst();
        assertThat(byPtr.get("target").asText()).as("answered as the subclass pk").isEqualTo(own);
        assertThat(emulator.direct("GET", "/policies/bindings/?target=" + own, null).status())
                .as("the filter takes the ptr id only; any other value is an invalid choice").isEqualTo(400);

        String policy = emulator.list("/policies/expression/").getFirst().get("pk").asText();
        ObjectNode viaOwnPk = JSON.createObjectNode().put("target", own).put("policy", policy).put("order", 77);
        assertThat(emulator.direct("POST", "/policies/bindings/", viaOwnPk).status()).as("writes take either id")
                .isEqualTo(201);
        assertThat(emulator.list("/policies/bindings/?target=" + ptr)).hasSize(2);

        Reply again = emulator.direct("POST", "/policies/bindings/", viaOwnPk.deepCopy().put("target", ptr));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body().toString()).contains("The fields policy, target, order must make a unique set.");
    }

    /** authentik/policies/api/bindings.py validate(): attrs.get("target") is None on a partial update without it. */
    @Test
    void patchingAPolicyBindingWithoutTargetIsAServerErrorAndWithoutItsPolicyARejection() {
        JsonNode binding = emulator.list("/policies/bindings/?target="
                + passwordStageBinding().get("policybindingmodel_ptr_id").asText()).getFirst();
        String path = "/policies/bindings/" + binding.get("pk").asText() + "/";

        assertThat(emulator.direct("PATCH", path, JSON.createObjectNode().put("order", 11)).status()).isEqualTo(500);
        Reply withoutPolicy = emulator.direct("PATCH", path,
                JSON.createObjectNode().put("order", 11).put("target", binding.get("target").asText()));
        assertThat(withoutPolicy.status()).isEqualTo(400);
        assertThat(withoutPolicy.body().toString()).contains("One of 'policy', 'user', 'group' must be set.");
        Reply complete = emulator.direct("PATCH", path, JSON.createObjectNode().put("order", 11)
                .put("target", binding.get("target").asText()).put("policy", binding.get("policy").asText()));
        assertThat(complete.status()).isEqualTo(200);
    }

    /** rest_framework/fields.py CharField(trim_whitespace=True), the default of every model text field. */
    @Test
    void textFieldsAreStoredWithoutOuterWhitespace() {
        JsonNode group = emulator.create("/core/groups/", JSON.createObjectNode().put("name", "  Family \n"));
        assertThat(group.get("name").asText()).isEqualTo("Family");
        assertThat(emulator.list("/core/groups/?name=%20%20Family%20")).isEmpty();
        JsonNode mapping = emulator.create("/propertymappings/provider/scope/", JSON.createObjectNode()
                .put("name", "Trimmed").put("scope_name", "trimmed").put("expression", "return {}\n"));
        assertThat(mapping.get("expression").asText()).isEqualTo("return {}");
    }

    /**
     * Python's str.strip() removes every str.isspace() character, U+00A0 and U+3000 among them; choice and pk
     * fields are not CharFields and are not trimmed (rest_framework/fields.py). set_password's password is a
     * trimming CharField (authentik/core/api/users.py UserPasswordSetSerializer); the login compares untrimmed
     * (authentik/stages/password/stage.py), as passwordIs does.
     */
    @Test
    void textIsTrimmedAsPythonTrimsItAndSetPasswordTrimsToo() {
        JsonNode group = emulator.create("/core/groups/", JSON.createObjectNode().put("name", "\u3000Family\u00a0"));
        assertThat(group.get("name").asText()).isEqualTo("Family");
        ObjectNode user = JSON.createObjectNode().put("username", "bob\u202f").put("name", "Bob");
        JsonNode bob = emulator.create("/core/users/", user);
        assertThat(bob.get("username").asText()).isEqualTo("bob");
        emulator.direct("POST", "/core/users/" + bob.get("pk").asText() + "/set_password/",
                JSON.createObjectNode().put("password", "bob-password\u00a0"));
        assertThat(emulator.passwordIs("bob", "bob-password")).isTrue();
        assertThat(emulator.passwordIs("bob", "bob-password\u00a0")).as("what was sent no longer logs in").isFalse();
    }

    /** authentik/stages/identification/api.py validate() reads sources and user_fields, and changes neither. */
    @Test
    void patchingAnIdentificationStageLeavesItsSourcesAlone() {
        JsonNode stage = emulator.list("/stages/identification/?name=default-authentication-identification").getFirst();
        String path = "/stages/identification/" + stage.get("pk").asText() + "/";
        String source = java.util.UUID.randomUUID().toString();
        ObjectNode withSource = JSON.createObjectNode();
        withSource.putArray("sources").add(source);
        withSource.set("user_fields", stage.get("user_fields"));
        emulator.patch(path, withSource);

        ObjectNode rememberMe = JSON.createObjectNode().put("enable_remember_me", true);
        rememberMe.set("user_fields", stage.get("user_fields"));
        assertThat(emulator.patch(path, rememberMe).get("sources").toString()).isEqualTo("[\"" + source + "\"]");
    }

    /** authentik/providers/oauth2/api/scopes.py: managed is an AllValuesMultipleFilter. */
    @Test
    void filteringScopeMappingsByAManagedIdNoMappingHasIsABadRequest() {
        assertThat(emulator.direct("GET", "/propertymappings/provider/scope/?managed=nothing/like/this", null).status())
                .isEqualTo(400);
        assertThat(emulator.list("/propertymappings/provider/scope/?managed=goauthentik.io/providers/oauth2/scope-openid"))
                .hasSize(1);
    }

    /** authentik/tenants/api/settings.py: only the flags sent are type-checked; unset flags answer their default. */
    @Test
    void settingsFlagsAreCheckedOneByOneAndDefaultToFalse() {
        ObjectNode one = JSON.createObjectNode();
        one.putObject("flags").put("flows_refresh_others", true);
        assertThat(emulator.direct("PATCH", "/admin/settings/", one).status()).isEqualTo(200);
        JsonNode flags = emulator.get("/admin/settings/").get("flags");
        assertThat(flags.get("flows_refresh_others").asBoolean()).isTrue();
        assertThat(flags.get("flows_continuous_login").asBoolean()).isFalse();
        ObjectNode wrong = JSON.createObjectNode();
        wrong.putObject("flags").put("flows_refresh_others", "yes");
        assertThat(emulator.direct("PATCH", "/admin/settings/", wrong).status()).isEqualTo(400);
    }

    /** authentik/crypto/api.py: the viewset's queryset excludes the managed JWT certificate. */
    @Test
    void theManagedJwtCertificateIsNotServed() {
        assertThat(emulator.list("/crypto/certificatekeypairs/")).extracting(c -> c.get("name").asText())
                .containsExactly("authentik Self-signed Certificate");
    }

    /** A provider's property_mappings is a many-to-many relation: a deleted mapping leaves it. */
    @Test
    void aDeletedScopeMappingLeavesEveryProvidersList() {
        JsonNode mapping = emulator.create("/propertymappings/provider/scope/", JSON.createObjectNode()
                .put("name", "Gone").put("scope_name", "gone").put("expression", "return {}"));
        ObjectNode provider = JSON.createObjectNode().put("name", "P")
                .put("authorization_flow", flow("default-provider-authorization-implicit-consent"))
                .put("invalidation_flow", flow("default-provider-invalidation-flow"));
        provider.putArray("property_mappings").add(mapping.get("pk").asText());
        JsonNode created = emulator.create("/providers/oauth2/", provider);
        emulator.direct("DELETE", "/propertymappings/provider/scope/" + mapping.get("pk").asText() + "/", null);
        assertThat(emulator.get("/providers/oauth2/" + created.get("pk").asText() + "/").get("property_mappings"))
                .isEmpty();
    }

    /** authentik/providers/proxy/models.py: urljoin(external_host, "outpost.goauthentik.io/callback"). */
    @Test
    void proxyRedirectUrisAreJoinedAsPythonJoinsThem() {
        JsonNode proxy = emulator.create("/providers/proxy/", JSON.createObjectNode().put("name", "Sub")
                .put("mode", "forward_single").put("external_host", "https://app.example.com/sub")
                .put("authorization_flow", flow("default-provider-authorization-implicit-consent"))
                .put("invalidation_flow", flow("default-provider-invalidation-flow")));
        assertThat(proxy.get("redirect_uris").findValuesAsText("url")).containsExactly(
                "https://app.example.com/outpost.goauthentik.io/callback?X-authentik-auth-callback=true",
                "https://app.example.com/sub?X-authentik-auth-callback=true");
    }

    /** applications.py validate_slug, outposts.py validate_providers, authenticator_validate/api.py. */
    @Test
    void rejectionsCarryAuthentiksOwnMessages() {
        Reply reserved = emulator.direct("POST", "/core/applications/",
                JSON.createObjectNode().put("name", "T").put("slug", "token"));
        assertThat(reserved.body().toString()).contains("The slug 'token' is reserved and cannot be used for applications.");
        JsonNode stage = emulator.list("/stages/authenticator/validate/").getFirst();
        Reply configure = emulator.direct("PATCH", "/stages/authenticator/validate/" + stage.get("pk").asText() + "/",
                JSON.createObjectNode().put("not_configured_action", "configure"));
        assertThat(configure.body().toString()).contains("you must set a configuration stage.");
    }

    private String flow(String slug) {
        return emulator.get("/flows/instances/" + slug + "/").get("pk").asText();
    }

    private JsonNode passwordStageBinding() {
        String flow = emulator.get("/flows/instances/default-authentication-flow/").get("pk").asText();
        String stage = emulator.list("/stages/password/?name=default-authentication-password").getFirst().get("pk")
                .asText();
        return emulator.list("/flows/bindings/?target=" + flow + "&stage=" + stage).getFirst();
    }
}
