package io.github.authentikprovisioner.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.authentikprovisioner.authentik.AuthentikSession;
import io.github.authentikprovisioner.reconcile.MissingObjectException;
import io.github.authentikprovisioner.reconcile.Ref;

/**
 * Checks that the default objects a recipe changes in place are there before anything is written: the reconciler
 * would otherwise create a missing one with just the few fields the recipe manages, a broken copy of the default.
 */
final class FreshInstallObjects {

    private FreshInstallObjects() {
    }

    /** Throws {@link MissingObjectException} (409, naming the object) for the first of {@code refs} authentik lacks. */
    static void require(AuthentikSession session, List<Ref> refs) {
        for (Ref ref : refs) {
            Map<String, String> key = new LinkedHashMap<>();
            ref.key().parts().forEach((field, value) -> key.put(field, String.valueOf(value)));
            if (session.findCached(ref.kind(), key).isEmpty()) {
                throw new MissingObjectException(ref);
            }
        }
    }
}
