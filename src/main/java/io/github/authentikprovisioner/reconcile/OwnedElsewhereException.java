package io.github.authentikprovisioner.reconcile;

/**
 * An object a recipe would change belongs to something else, e.g. a provider of that name serving another
 * application. Answered with 409 before any write; the caller chooses another name.
 */
public final class OwnedElsewhereException extends RuntimeException {

    public OwnedElsewhereException(String message) {
        super(message);
    }
}
