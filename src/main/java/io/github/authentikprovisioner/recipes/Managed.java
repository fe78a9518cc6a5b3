package io.github.authentikprovisioner.recipes;

/**
 * How this service marks the authentik objects it manages, in a field authentik keeps: applications carry it as
 * {@code meta_publisher}. Deletes only touch objects so marked.
 */
public final class Managed {

    /** Value of {@code meta_publisher} on every application this service creates. */
    public static final String PUBLISHER = "authentik-provisioner";

    private Managed() {
    }
}
