package io.github.authentikprovisioner.servarr;

import static io.github.authentikprovisioner.recipes.PlannedObjects.present;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.reconcile.Desired;
import io.github.authentikprovisioner.reconcile.Field;

/** The pure desired state of the Servarr recipe. */
class ServarrRecipeTest {

    @Test
    void servarrMergesCredentialsIntoTheSharedGroup() {
        ServarrApp app = new ServarrApp("Prowlarr", "prowlarr", "https://prowlarr.example.com", "admin", "pw", null,
                List.of("alice"), null);
        List<Desired> desired = ServarrRecipe.desired(app, "https://auth.example.com");

        assertThat(desired).extracting(Desired::kind)
                .containsExactly(Kind.GROUP, Kind.PROXY_PROVIDER, Kind.APPLICATION, Kind.OUTPOST);
        Desired.Present group = present(desired, Kind.GROUP);
        assertThat(group.name()).isEqualTo("Servarr Users");
        assertThat(group.fields().get("attributes"))
                .isEqualTo(Field.entries(Map.of("prowlarr_user", "admin", "prowlarr_password", "pw")));
        Map<String, Field> provider = present(desired, Kind.PROXY_PROVIDER).fields();
        assertThat(provider.get("basic_auth_enabled")).isEqualTo(Field.of(true));
        assertThat(provider.get("basic_auth_password_attribute")).isEqualTo(Field.of("prowlarr_password"));
        assertThat(provider.get("skip_path_regex")).isEqualTo(Field.of(""));
        assertThat(app.toString()).doesNotContain("pw,").doesNotContain("password");
    }
    @Test
    void servarrRemovalUndoesOnlyThatApp() {
        List<Desired> removal = ServarrRecipe.removal("sonarr", "Sonarr Provider",
                Set.of("sonarr_user", "sonarr_password"), List.of("Servarr Users"));
        assertThat(removal).extracting(d -> d.getClass().getSimpleName() + " " + d.kind())
                .containsExactly("Present OUTPOST", "Absent APPLICATION", "Absent PROXY_PROVIDER", "Present GROUP");
        assertThat(present(removal, Kind.GROUP).fields().get("attributes"))
                .isEqualTo(Field.withoutEntries(Set.of("sonarr_user", "sonarr_password")));
    }
}
