package io.github.authentikprovisioner.emulator;

import io.github.authentikprovisioner.emulator.Hooks.Write;

/** The rules of {@code core/brands}: BrandSerializer (authentik/brands/api.py). */
final class BrandRules {

    private BrandRules() {
    }

    /** At most one brand is the default. */
    static void singleDefault(Write w) {
        if (w.merged().path("default").asBoolean() && w.store().all(w.collection())
                .anyMatch(o -> o != w.existing() && o.path("default").asBoolean())) {
            w.error("default", "Only a single brand can be set as default.");
        }
    }
}
