package io.github.authentikprovisioner.emulator;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of the property mapping family (authentik/core/models.py PropertyMapping) and of
 * {@code propertymappings/provider/scope} (ScopeMappingFilter, authentik/providers/oauth2/api/scopes.py).
 */
final class PropertyMappingRules {

    private PropertyMappingRules() {
    }

    /** A many-to-many relation: deleting a mapping takes it out of every provider's list. */
    static void mappingDeleted(RuleContext ctx, String pk) {
        ctx.store.allInPool(Catalog.PROVIDER).forEach(l -> l.object()
                .set("property_mappings", JsonArrays.without(l.object().withArray("property_mappings"), pk)));
    }

    /**
     * ScopeMappingFilter.managed is an AllValuesMultipleFilter: its choices are the values some mapping has, and any
     * other value makes the filter set invalid, a 400 (authentik/providers/oauth2/api/scopes.py).
     */
    static void checkManaged(RuleContext ctx, Collection c, Map<String, List<String>> query) {
        if (!query.containsKey("managed")) {
            return;
        }
        Set<String> values = new HashSet<>();
        ctx.store.all(c).forEach(o -> values.add(o.path("managed").asText()));
        for (String v : query.get("managed")) {
            if (!values.contains(v)) {
                throw ApiError.field("managed", "Select a valid choice. " + v
                        + " is not one of the available choices.");
            }
        }
    }
}
