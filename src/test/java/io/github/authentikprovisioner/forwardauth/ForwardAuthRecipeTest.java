package io.github.authentikprovisioner.forwardauth;

import static io.github.authentikprovisioner.recipes.PlannedObjects.present;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.recipes.Consent;
import io.github.authentikprovisioner.recipes.Defaults;
import io.github.authentikprovisioner.recipes.Managed;
import io.github.authentikprovisioner.reconcile.Desired;
import io.github.authentikprovisioner.reconcile.Field;

/** The pure desired state of the forward-auth recipe. */
class ForwardAuthRecipeTest {

    @Test
    void forwardAuthIsADomainLevelProviderItsApplicationAndTheOutpost() {
        ForwardAuth spec = new ForwardAuth("example.com", null, Consent.EXPLICIT, List.of("^/a", "^/b"), null, null,
                null);
        List<Desired> desired = ForwardAuthRecipe.desired(spec, "https://auth.example.com");

        assertThat(desired).extracting(Desired::kind).containsExactly(Kind.PROXY_PROVIDER, Kind.APPLICATION, Kind.OUTPOST);
        Map<String, Field> provider = present(desired, Kind.PROXY_PROVIDER).fields();
        assertThat(present(desired, Kind.PROXY_PROVIDER).name()).isEqualTo("Traefik Provider");
        assertThat(provider.get("mode")).isEqualTo(Field.of("forward_domain"));
        assertThat(provider.get("access_token_validity")).isEqualTo(Field.of("hours=24"));
        assertThat(provider.get("skip_path_regex")).isEqualTo(Field.of("^/a\n^/b"));
        assertThat(provider.get("authorization_flow"))
                .isEqualTo(Field.ref(Defaults.flow("default-provider-authorization-explicit-consent")));
        Desired.Present app = present(desired, Kind.APPLICATION);
        assertThat(app.key().parts()).containsEntry("slug", "traefik");
        assertThat(app.fields().get("meta_publisher")).isEqualTo(Field.of(Managed.PUBLISHER));
        assertThat(present(desired, Kind.OUTPOST).fields().get("providers"))
                .isEqualTo(Field.includes(List.of(ForwardAuthRecipe.provider(spec))));
    }
}
