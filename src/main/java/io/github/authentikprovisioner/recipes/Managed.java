package io.github.authentikprovisioner.recipes;

/**
 * How this service marks the authentik objects it manages, in a field authentik keeps: applications carry it as
 * {@code meta_publisher}, the people it manages as the user attribute {@link #PERSON}. Deletes only touch objects so
 * marked.
 */
public final class Managed {

    /** Value of {@code meta_publisher} on every application this service creates. */
    public static final String PUBLISHER = "authentik-provisioner";
    /** User attribute on every person this service manages ({@code PUT /users/{username}}). */
    public static final String PERSON = "authentik-provisioner/managed";
    /** The username of this service's own service account, which is nobody's person or administrator. */
    public static final String SERVICE_ACCOUNT = "authentik-provisioner";

    private Managed() {
    }
}
