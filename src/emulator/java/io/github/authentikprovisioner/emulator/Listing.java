package io.github.authentikprovisioner.emulator;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.emulator.Store.Located;

/**
 * How authentik answers reads: lists filtered as django-filter filters them (the filters the schema declares for the
 * endpoint, exact or with the {@code __iexact}/{@code __icontains}/{@code __isnull} lookups, plus {@code search}),
 * narrowed and checked by the row's list rules, paginated as authentik's pagination class pages them; and each
 * object answered as its serializer renders it with the {@code include_*} parameters applied.
 */
final class Listing {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Query parameters that shape the answer rather than filter it. */
    private static final Set<String> OPTIONS = Set.of("page", "page_size", "ordering", "search", "superuser_full_list",
            "for_user",
            "include_users", "include_groups", "include_children", "include_parents", "include_inherited_roles",
            "include_roles");

    private final RuleContext ctx;
    private final SchemaCheck schema;
    private final Consumer<String> violations;

    Listing(RuleContext ctx, SchemaCheck schema, Consumer<String> violations) {
        this.ctx = ctx;
        this.schema = schema;
        this.violations = violations;
    }

    /** {@code GET /<path>/}: one page of the collection's answers. */
    ObjectNode page(Collection c, Map<String, List<String>> query) {
        return page(list(c, query), query);
    }

    /** {@code GET /stages/all/}: every stage type's objects, each answered as the Stage schema. */
    ObjectNode allStages(Map<String, List<String>> query) {
        List<ObjectNode> stages = ctx.store.allInPool(Catalog.STAGE)
                .filter(l -> matches(l.object(), query, "/stages/all/"))
                .map(l -> ctx.renderer.project(ctx.renderer.render(l.collection(), l.object()), "Stage")).toList();
        return page(stages, query);
    }

    /**
     * An object as a list, a detail or a write answers it: the serializer reads the {@code include_*} parameters of
     * the request in every case ({@link Collection#include}).
     */
    ObjectNode answer(Collection c, ObjectNode o, Map<String, List<String>> query) {
        return answer(c, new Located(c, o), query);
    }

    private ObjectNode answer(Collection c, Located row, Map<String, List<String>> query) {
        ObjectNode rendered = render(c, row);
        c.includes.forEach((field, include) -> {
            List<String> values = query.getOrDefault(include.param(), List.of());
            String value = values.isEmpty() ? String.valueOf(include.byDefault()) : values.getFirst();
            if (!"true".equalsIgnoreCase(value) && rendered.has(field)) {
                rendered.putNull(field);
            }
        });
        return rendered;
    }

    private List<ObjectNode> list(Collection c, Map<String, List<String>> query) {
        c.filterChecks.forEach(check -> check.check(ctx, c, query));
        String template = "/" + c.path + "/";
        Stream<Located> rows = rows(c).filter(l -> !c.hidden.test(l.object()))
                .filter(l -> matches(filterable(c, l), query, template));
        for (Hooks.Visibility visibility : c.visibilities) {
            Predicate<ObjectNode> shown = visibility.shownTo(ctx, query);
            rows = rows.filter(l -> shown.test(l.object()));
        }
        return rows.map(l -> answer(c, l, query)).toList();
    }

    /** The collection's rows, then those of the child models it serves ({@link Collection#servesRowsOf}). */
    private Stream<Located> rows(Collection c) {
        Stream<Located> rows = ctx.store.all(c).map(o -> new Located(c, o));
        for (String path : c.childPaths) {
            Collection child = ctx.collection(path);
            rows = Stream.concat(rows, ctx.store.all(child).map(o -> new Located(child, o)));
        }
        return rows;
    }

    /** A row as {@code c} serves it: a child model's row as the parent model (Django returns parent instances). */
    private ObjectNode render(Collection c, Located row) {
        return row.collection() == c ? ctx.renderer.render(c, row.object())
                : ctx.renderer.renderAs(c, row.collection(), row.object());
    }

    /** The object as list filters see it: the answer, as the row's filter views change it. */
    private ObjectNode filterable(Collection c, Located row) {
        ObjectNode rendered = render(c, row);
        c.filterViews.forEach(view -> view.adjust(ctx, row.object(), rendered));
        return rendered;
    }

    private boolean matches(ObjectNode rendered, Map<String, List<String>> query, String template) {
        Set<String> known = schema.queryParameters(template);
        for (Map.Entry<String, List<String>> q : query.entrySet()) {
            String param = q.getKey();
            if (OPTIONS.contains(param) || !known.contains(param)) {
                if (param.equals("search") && !search(rendered, q.getValue().getFirst())) {
                    return false;
                }
                continue; // unknown filters are ignored, as django-filter does
            }
            if (!filter(rendered, param, q.getValue(), template)) {
                return false;
            }
        }
        return true;
    }

    private boolean filter(ObjectNode o, String param, List<String> values, String template) {
        String field = param;
        String op = "exact";
        for (String suffix : List.of("__iexact", "__icontains", "__isnull")) {
            if (param.endsWith(suffix)) {
                field = param.substring(0, param.length() - suffix.length());
                op = suffix.substring(2);
            }
        }
        if (field.contains("__") || !o.has(field)) {
            violations.accept("the emulator cannot evaluate filter '" + param + "' of GET " + template);
            return true;
        }
        JsonNode actual = o.get(field);
        for (String v : values) {
            if (hit(actual, op, v)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hit(JsonNode actual, String op, String v) {
        return switch (op) {
            case "iexact" -> actual.asText().equalsIgnoreCase(v);
            case "icontains" -> actual.asText().toLowerCase(Locale.ROOT).contains(v.toLowerCase(Locale.ROOT));
            case "isnull" -> actual.isNull() == Boolean.parseBoolean(v);
            default -> actual.isArray() ? JsonArrays.contains(actual, JSON.getNodeFactory().textNode(v))
                    : actual.isNull() ? v.isEmpty() : actual.asText().equals(v);
        };
    }

    private static boolean search(ObjectNode o, String term) {
        String t = term.toLowerCase(Locale.ROOT);
        return Stream.of("name", "slug", "username", "identifier", "domain")
                .anyMatch(f -> o.path(f).asText().toLowerCase(Locale.ROOT).contains(t));
    }

    private static ObjectNode page(List<ObjectNode> all, Map<String, List<String>> query) {
        int size = Math.clamp(parseInt(first(query, "page_size"), 20), 1, 100);
        int pages = Math.max(1, (all.size() + size - 1) / size);
        int current = Math.clamp(parseInt(first(query, "page"), 1), 1, Integer.MAX_VALUE);
        if (current > pages) {
            throw ApiError.detail(404, "Invalid page.");
        }
        int from = (current - 1) * size;
        List<ObjectNode> slice = all.subList(Math.min(from, all.size()), Math.min(from + size, all.size()));
        ObjectNode out = JSON.createObjectNode();
        out.putObject("pagination").put("next", current < pages ? current + 1 : 0)
                .put("previous", current > 1 ? current - 1 : 0).put("count", all.size()).put("current", current)
                .put("total_pages", pages).put("start_index", slice.isEmpty() ? 0 : from + 1)
                .put("end_index", from + slice.size());
        out.putArray("results").addAll(slice);
        out.putObject("autocomplete");
        return out;
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? "" : v.getFirst();
    }

    private static int parseInt(String s, int fallback) {
        try {
            return s.isEmpty() ? fallback : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw ApiError.detail(404, "Invalid page.");
        }
    }
}
