package io.github.authentikprovisioner.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.authentikprovisioner.authentik.Kind;

class DependencyOrderTest {

    private static Desired.Present present(Kind kind, String name, Map<String, Field> fields) {
        return new Desired.Present(kind, Key.of("name", name), name, fields);
    }

    @Test
    void referencedObjectsComeFirstAndTheRestKeepsItsOrder() {
        Desired app = present(Kind.APPLICATION, "a", Map.of("provider", Field.ref(Ref.to(Kind.PROXY_PROVIDER, "name", "p"))));
        Desired group = present(Kind.GROUP, "g", Map.of());
        Desired provider = present(Kind.PROXY_PROVIDER, "p", Map.of());
        assertThat(DependencyOrder.sort(List.of(app, group, provider))).containsExactly(provider, app, group);
    }

    @Test
    void objectsLetGoOfADeletedObjectBeforeItIsDeleted() {
        Desired gone = new Desired.Absent(Kind.PROXY_PROVIDER, Key.of("name", "p"), "p");
        Desired outpost = present(Kind.OUTPOST, "o", Map.of("providers",
                Field.excludes(List.of(Ref.to(Kind.PROXY_PROVIDER, "name", "p")))));
        assertThat(DependencyOrder.sort(List.of(gone, outpost))).containsExactly(outpost, gone);
    }

    @Test
    void cyclesAndDuplicatesAreProgrammingErrors() {
        Desired a = present(Kind.GROUP, "a", Map.of("parents", Field.refs(List.of(Ref.to(Kind.GROUP, "name", "b")))));
        Desired b = present(Kind.GROUP, "b", Map.of("parents", Field.refs(List.of(Ref.to(Kind.GROUP, "name", "a")))));
        assertThatThrownBy(() -> DependencyOrder.sort(List.of(a, b))).hasMessageContaining("cycle");
        assertThatThrownBy(() -> DependencyOrder.sort(List.of(a, a))).hasMessageContaining("twice");
    }
}
