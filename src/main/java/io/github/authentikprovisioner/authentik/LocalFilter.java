package io.github.authentikprovisioner.authentik;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The list filters this service uses, evaluated on a {@link AuthentikSession snapshot} of a kind the way authentik's
 * filter sets evaluate them in the database, so a lookup answered from the snapshot finds what the filtered call
 * would have found. A filter not listed here is not answered locally: the call goes to authentik.
 *
 * <p>Each one mirrors a {@code django-filter} lookup of the 2026.2 viewsets: {@code name} is {@code exact} (case
 * sensitive), {@code __iexact} ignores case, {@code __isnull} tests for null, {@code property_mappings} matches a
 * member of the many-to-many field; a boolean such as a group's {@code is_superuser} compares as
 * {@code true}/{@code false} (a user's is not answered locally: see {@link #test}).
 * {@code include_users}, {@code include_groups} and {@code superuser_full_list} change what an answer holds, not which
 * objects.
 */
final class LocalFilter {

    private LocalFilter() {
    }

    /** Filters that only shape the answer; a snapshot already holds the full form. */
    private static final java.util.Set<String> SHAPE_ONLY = java.util.Set.of("include_users", "include_groups",
            "superuser_full_list");

    /**
     * Whether {@code object} passes the filter {@code name=value}; empty when this filter is not evaluated locally.
     * {@code aliases} turns a policy-binding-model id into the pk authentik answers instead (the kind's
     * {@link BindingTargets}).
     */
    static Optional<Boolean> test(Kind kind, String name, String value, ObjectNode object,
            Function<String, Optional<String>> aliases) {
        if (SHAPE_ONLY.contains(name)) {
            return Optional.of(true);
        }
        if (name.endsWith("__iexact")) {
            String field = name.substring(0, name.length() - "__iexact".length());
            String actual = text(object.get(field));
            return Optional.of(actual != null && actual.toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT)));
        }
        if (name.endsWith("__isnull")) {
            String field = name.substring(0, name.length() - "__isnull".length());
            boolean isNull = text(object.get(field)) == null;
            return switch (value) {
                case "true" -> Optional.of(isNull);
                case "false" -> Optional.of(!isNull);
                default -> Optional.empty();
            };
        }
        if (kind.filterMatchedKeys().contains(name)) {
            // filtered by the policy-binding-model id, answered as the subclass pk (a flow's, a flow-stage binding's)
            String actual = text(object.get(name));
            Optional<String> alias = aliases.apply(value);
            if (alias.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(value.equals(actual) || alias.get().equals(actual));
        }
        if (kind == Kind.OAUTH2_PROVIDER && name.equals("property_mappings")) {
            for (JsonNode pk : object.path("property_mappings")) {
                if (pk.asText().equals(value)) {
                    return Optional.of(true);
                }
            }
            return Optional.of(false);
        }
        if (kind == Kind.USER && name.equals("is_superuser")) {
            // the user filter looks at direct groups only (UsersFilter.filter_is_superuser), the answer's field
            // through their ancestors (authentik/core/models.py): the snapshot cannot tell, authentik can
            return Optional.empty();
        }
        return switch (name) {
            case "name", "slug", "managed", "domain", "target", "stage", "meta_publisher", "username", "type",
                    "is_superuser" ->
                    Optional.of(value.equals(text(object.get(name))));
            default -> Optional.empty();
        };
    }

    /** Whether every filter of {@code filters} can be evaluated locally for {@code kind}. */
    static boolean allLocal(Kind kind, Map<String, String> filters, Function<String, Optional<String>> aliases) {
        ObjectNode probe = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        return filters.entrySet().stream()
                .allMatch(e -> test(kind, e.getKey(), e.getValue(), probe, aliases).isPresent());
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
