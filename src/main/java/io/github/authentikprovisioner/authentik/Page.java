package io.github.authentikprovisioner.authentik;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One page of an authentik list ({@code {pagination, results}}); {@code next == 0} means it is the last. */
@JsonIgnoreProperties(ignoreUnknown = true)
@RegisterForReflection
record Page(Pagination pagination, List<ObjectNode> results) {

    /** authentik types these as numbers; they are page numbers and counts. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Pagination(double next, double count, double current, double total_pages) {
    }

    boolean hasNext() {
        return pagination != null && pagination.next() > 0;
    }

    int next() {
        return (int) pagination.next();
    }
}
