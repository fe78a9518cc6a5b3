package io.github.authentikprovisioner.recipes;

import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.reconcile.Ref;

/** References to the objects recipes look up by their natural key: an application by slug, a group by name. */
public final class Refs {

    private Refs() {
    }

    public static Ref application(String slug) {
        return Ref.to(Kind.APPLICATION, "slug", slug);
    }

    public static Ref group(String name) {
        return Ref.to(Kind.GROUP, "name", name);
    }

    public static Ref user(String username) {
        return Ref.to(Kind.USER, "username", username);
    }
}
