package io.github.authentikprovisioner.authentik;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Every row of {@link Kind} is whole: its rules name kinds that exist, and labels are unique. */
class KindTest {

    @Test
    void everyKindNamedByARuleExists() {
        for (Kind kind : Kind.values()) {
            assertThat(kind.renderedBy()).as(kind.label()).doesNotContainNull();
            kind.cascadesTo().ifPresent(kinds -> assertThat(kinds).as(kind.label()).doesNotContainNull());
            kind.bindingTargets().ifPresent(rule -> rule.targets().forEach(Kind::of));
            assertThat(Kind.of(kind.label())).isSameAs(kind);
        }
        assertThatThrownBy(() -> Kind.of("no-such-kind")).hasMessageContaining("no-such-kind");
    }

    @Test
    void everyKindLivesAtACollectionPathAndIsFoundSomehow() {
        for (Kind kind : Kind.values()) {
            assertThat(kind.area()).as(kind.label()).isNotBlank();
            assertThat(kind.type()).as(kind.label()).isNotBlank();
            if (!kind.singleton()) {
                assertThat(kind.idField()).as(kind.label()).isNotBlank();
                assertThat(kind.pkField()).as(kind.label()).isNotBlank();
            }
            if (kind.batchField() != null) {
                assertThat(kind.keyFilters()).as(kind.label()).containsKey(kind.batchField());
            }
        }
    }

    /** The rules that used to be switches: spot checks that the rows say the same. */
    @Test
    void rowsCarryTheRulesOfTheirKind() {
        assertThat(Kind.PROXY_PROVIDER.renderedBy()).containsExactly(Kind.OAUTH2_PROVIDER);
        assertThat(Kind.PASSWORD_STAGE.renderedBy()).containsExactly(Kind.STAGE);
        assertThat(Kind.PASSWORD_STAGE.cascadesTo()).get().asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.collection(Kind.class))
                .contains(Kind.STAGE, Kind.TOTP_STAGE, Kind.FLOW_STAGE_BINDING, Kind.POLICY_BINDING, Kind.BRAND)
                .doesNotContain(Kind.APPLICATION);
        assertThat(Kind.POLICY_BINDING.cascadesTo()).contains(Set.of());
        assertThat(Kind.OUTPOST.cascadesTo()).isEmpty();
        assertThat(Kind.POLICY_BINDING.filterMatchedKeys()).containsExactly("target");
        assertThat(Kind.POLICY_BINDING.batchField()).isEqualTo("target");
        assertThat(Kind.SCOPE_MAPPING.area() + "/" + Kind.SCOPE_MAPPING.type())
                .isEqualTo("propertymappings/provider/scope");
        assertThat(EnumSet.allOf(Kind.class).stream().filter(Kind::singleton)).containsExactly(Kind.SETTINGS);
        assertThat(Kind.SETTINGS.creatable()).isFalse();
        assertThat(Kind.INVITATION.snapshot()).isEmpty();
        assertThat(Kind.APPLICATION.snapshot()).get().isEqualTo(java.util.Map.of("superuser_full_list", "true"));
    }
}
