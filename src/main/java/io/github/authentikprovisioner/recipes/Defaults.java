package io.github.authentikprovisioner.recipes;

import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.reconcile.Ref;

/** References to objects a fresh authentik install has (default blueprints), which recipes build on. */
public final class Defaults {

    /** Flow a provider ends its sessions with. */
    public static final Ref INVALIDATION_FLOW = flow("default-provider-invalidation-flow");

    private Defaults() {
    }

    public static Ref flow(String slug) {
        return Ref.to(Kind.FLOW, "slug", slug);
    }

    public static Ref authorizationFlow(Consent consent) {
        return flow(consent.flowSlug());
    }
}
