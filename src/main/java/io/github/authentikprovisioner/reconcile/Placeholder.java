package io.github.authentikprovisioner.reconcile;

import com.fasterxml.jackson.databind.node.TextNode;

/** Stands for the pk of an object that a dry run would create; never equal to an actual value. */
final class Placeholder extends TextNode {

    Placeholder(Ref ref) {
        super("<pk of new " + ref + ">");
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
