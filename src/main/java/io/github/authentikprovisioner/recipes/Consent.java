package io.github.authentikprovisioner.recipes;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether users confirm access to an application after logging in: picks the default authorization flow. */
public enum Consent {
    IMPLICIT("default-provider-authorization-implicit-consent"),
    EXPLICIT("default-provider-authorization-explicit-consent");

    private final String flowSlug;

    Consent(String flowSlug) {
        this.flowSlug = flowSlug;
    }

    /** Slug of the default authorization flow of a fresh install for this kind of consent. */
    public String flowSlug() {
        return flowSlug;
    }

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
