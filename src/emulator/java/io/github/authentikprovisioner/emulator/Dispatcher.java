package io.github.authentikprovisioner.emulator;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.emulator.Hooks.ActionCall;
import io.github.authentikprovisioner.emulator.Store.Located;

/**
 * authentik's REST routing over the {@link Catalog}: a path is a collection ({@code GET} lists, {@code POST} creates),
 * an object of it ({@code GET}, {@code PATCH}/{@code PUT}, {@code DELETE}) or an action the row declares; reads go
 * through {@link Listing}, writes through {@link Writes}. The settings and version singletons and the all-stages list
 * are routed by name. A path no row serves is reported as a violation and answered 404.
 */
final class Dispatcher {

    private final RuleContext ctx;
    private final Listing listing;
    private final Writes writes;
    private final SystemSettings settings;
    private final Consumer<String> violations;

    Dispatcher(RuleContext ctx, Writes writes, SchemaCheck schema, Consumer<String> violations) {
        this.ctx = ctx;
        this.writes = writes;
        this.violations = violations;
        this.listing = new Listing(ctx, schema, violations);
        this.settings = new SystemSettings(ctx.store);
    }

    /** Handles one call; {@code path} is relative to {@code /api/v3/} and ends with a slash. */
    Reply handle(String method, String path, Map<String, List<String>> query, JsonNode body) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        switch (p) {
            case "admin/settings" -> {
                return settings.handle(method, body);
            }
            case "admin/version" -> {
                return Reply.ok(Release.versionAnswer());
            }
            case "stages/all" -> {
                return Reply.ok(listing.allStages(query));
            }
            default -> { }
        }
        for (Collection c : ctx.store.catalog.all()) {
            if (p.equals(c.path)) {
                return collection(c, method, query, body);
            }
            if (p.startsWith(c.path + "/")) {
                return below(c, p.substring(c.path.length() + 1), method, query, body);
            }
        }
        violations.accept("the emulator does not implement " + method + " /" + path);
        throw ApiError.detail(404, "Not found.");
    }

    private Reply collection(Collection c, String method, Map<String, List<String>> query, JsonNode body) {
        return switch (method) {
            case "GET" -> Reply.ok(listing.page(c, query));
            case "POST" -> Reply.created(listing.answer(c, writes.create(c, DrfInput.object(body)), query));
            default -> throw methodNotAllowed(method);
        };
    }

    /** {@code rest}: the path below the collection's, e.g. {@code 5} or {@code 5/set_password} or {@code me}. */
    private Reply below(Collection c, String rest, String method, Map<String, List<String>> query, JsonNode body) {
        if (!rest.contains("/")) {
            Hooks.Action action = c.collectionAction(method, rest);
            if (action != null) {
                return action.answer(new ActionCall(ctx, method, null, query, body));
            }
            Optional<Located> child = childRow(c, rest);
            if (child.isPresent()) {
                return childDetail(c, child.get(), method, body);
            }
        }
        String[] parts = rest.split("/");
        ObjectNode o = ctx.store.byId(c, parts[0]).filter(found -> !c.hidden.test(found))
                .orElseThrow(() -> notFound(c));
        if (parts.length == 2) {
            return action(c, o, parts[1], method, query, body);
        }
        return switch (method) {
            case "GET" -> Reply.ok(listing.answer(c, o, query));
            case "PATCH", "PUT" -> Reply.ok(listing.answer(c, writes.update(c, o, DrfInput.object(body)), query));
            case "DELETE" -> {
                writes.delete(c, o);
                yield Reply.noContent();
            }
            default -> throw methodNotAllowed(method);
        };
    }

    private Reply action(Collection c, ObjectNode o, String name, String method, Map<String, List<String>> query,
            JsonNode body) {
        Hooks.Action action = c.action(method, name);
        if (action != null) {
            return action.answer(new ActionCall(ctx, method, o, query, body));
        }
        violations.accept("the emulator does not implement " + method + " /" + c.path + "/{id}/" + name + "/");
        throw ApiError.detail(404, "Not found.");
    }

    /** The row with pk {@code id} of a child model {@code c} serves ({@link Collection#servesRowsOf}). */
    private Optional<Located> childRow(Collection c, String id) {
        for (String path : c.childPaths) {
            Collection child = ctx.collection(path);
            Optional<ObjectNode> row = ctx.store.byId(child, id);
            if (row.isPresent()) {
                return Optional.of(new Located(child, row.get()));
            }
        }
        return Optional.empty();
    }

    /** A child model's row addressed through the parent's endpoint: read, changed or deleted as the parent's row. */
    private Reply childDetail(Collection parent, Located row, String method, JsonNode body) {
        return switch (method) {
            case "GET" -> Reply.ok(ctx.renderer.renderAs(parent, row.collection(), row.object()));
            case "PATCH", "PUT" -> {
                // saved as the parent model (a proxy provider as an OAuth2Provider): its post_save is not the
                // child's, so no outpost is sent an update (authentik/outposts/signals.py connects OutpostModel
                // subclasses only)
                row.object().setAll(DrfInput.object(body));
                yield Reply.ok(ctx.renderer.renderAs(parent, row.collection(), row.object()));
            }
            case "DELETE" -> {
                writes.delete(row.collection(), row.object());
                yield Reply.noContent();
            }
            default -> throw methodNotAllowed(method);
        };
    }

    /** The row's own 404 detail where it has one (see {@link Collection#notFound}), else the generic one. */
    private static ApiError notFound(Collection c) {
        return c.notFoundDetail != null ? ApiError.detail(404, c.notFoundDetail) : ApiError.notFound();
    }

    private static ApiError methodNotAllowed(String method) {
        return ApiError.detail(405, "Method \"" + method + "\" not allowed.");
    }
}
