package io.github.authentikprovisioner.recipes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.reconcile.Desired;

/** Picks objects out of a recipe's desired state in the plain tests of every recipe. */
public final class PlannedObjects {

    private PlannedObjects() {
    }

    /** The first object of {@code kind} that must be present. */
    public static Desired.Present present(List<Desired> desired, Kind kind) {
        return desired.stream().filter(d -> d.kind() == kind).map(Desired.Present.class::cast).findFirst().orElseThrow();
    }

    /** The one object of {@code kind}; fails when there are more or none. */
    public static Desired.Present only(List<Desired> objects, Kind kind) {
        List<Desired.Present> matching = all(objects, kind);
        assertThat(matching).as(kind + " objects").hasSize(1);
        return matching.getFirst();
    }

    public static List<Desired.Present> all(List<Desired> objects, Kind kind) {
        return objects.stream().filter(d -> d.kind() == kind).map(Desired.Present.class::cast).toList();
    }

    public static Desired.Present named(List<Desired> objects, String name) {
        return objects.stream().filter(d -> d.name().equals(name)).map(Desired.Present.class::cast).findFirst()
                .orElseThrow();
    }
}
