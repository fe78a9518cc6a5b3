package io.github.authentikprovisioner.reconcile;

import io.github.authentikprovisioner.authentik.Kind;

/**
 * A reference to another authentik object by natural key; the engine resolves it to that object's pk, either from
 * an object of the same plan or by looking it up (default objects of a fresh install, cached per request).
 */
public record Ref(Kind kind, Key key) {

    public static Ref to(Kind kind, String field, String value) {
        return new Ref(kind, Key.of(field, value));
    }

    @Override
    public String toString() {
        return kind.label() + " " + key;
    }
}
