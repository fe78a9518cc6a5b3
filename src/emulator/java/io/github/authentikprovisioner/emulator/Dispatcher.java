package io.github.authentikprovisioner.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * authentik's REST semantics over the {@link Store}: routing, list filters and pagination, create/patch/delete with
 * DRF-style validation (uniqueness, references, the per-serializer rules API-NOTES describes), and cascades.
 */
final class Dispatcher {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> RESERVED_SLUGS = Set.of("authorize", "token", "device", "userinfo",
            "introspect", "revoke");
    /** Query parameters that shape the answer rather than filter it. */
    private static final Set<String> OPTIONS = Set.of("page", "page_size", "ordering", "search", "superuser_full_list",
            "include_users", "include_groups", "include_children", "include_parents", "include_inherited_roles",
            "include_roles");
    private static final List<String> PROXY_DEFAULT_MAPPINGS = List.of("goauthentik.io/providers/oauth2/scope-openid",
            "goauthentik.io/providers/oauth2/scope-profile", "goauthentik.io/providers/oauth2/scope-email",
            "goauthentik.io/providers/oauth2/scope-entitlements", "goauthentik.io/providers/proxy/scope-proxy");
    static final List<String> SETTINGS_FLAGS = List.of("enterprise_audit_include_expanded_diff",
            "policies_buffered_access_view", "flows_continuous_login", "flows_refresh_others");

    private final Store store;
    private final Renderer renderer;
    private final SchemaCheck schema;
    private final Consumer<String> violations;
    private final EmulatedOutposts outposts;
    /**
     * The user the current request authenticated as (its token's user), or null while a blueprint is applied: the
     * importer runs serializers without a request (authentik/blueprints/v1/importer.py). Set by the emulator under
     * its lock around each call.
     */
    private ObjectNode caller;

    Dispatcher(Store store, Renderer renderer, SchemaCheck schema, Consumer<String> violations,
            EmulatedOutposts outposts) {
        this.store = store;
        this.renderer = renderer;
        this.schema = schema;
        this.violations = violations;
        this.outposts = outposts;
    }

    /** Who the following calls are made as; null for blueprint applications. */
    void caller(ObjectNode user) {
        this.caller = user;
    }

    /** Handles one call; {@code path} is relative to {@code /api/v3/} and ends with a slash. */
    Reply handle(String method, String path, Map<String, List<String>> query, JsonNode body) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        switch (p) {
            case "core/users/me" -> {
                // SessionUserSerializer of request.user, the token's user (authentik/core/api/users.py user_me)
                return Reply.ok(JSON.createObjectNode().set("user", renderer.userSelf(caller)));
            }
            case "admin/settings" -> {
                return settings(method, body);
            }
            case "admin/version" -> {
                return Reply.ok(Release.versionAnswer());
            }
            case "stages/all" -> {
                List<ObjectNode> stages = store.allInPool(Catalog.STAGE)
                        .filter(l -> matches(l.object(), query, "/stages/all/"))
                        .map(l -> renderer.project(renderer.render(l.collection(), l.object()), "Stage")).toList();
                return Reply.ok(page(stages, query));
            }
            default -> { }
        }
        for (Collection c : store.catalog.all()) {
            if (p.equals(c.path) && c.path.equals("providers/oauth2") && method.equals("GET")) {
                return Reply.ok(page(oauth2Rows(query), query));
            }
            if (p.startsWith(c.path + "/") && c.path.equals("providers/oauth2")) {
                String id = p.substring(c.path.length() + 1);
                Collection proxy = store.catalog.byPath("providers/proxy").orElseThrow();
                Optional<ObjectNode> asProxy = store.byId(proxy, id);
                if (asProxy.isPresent() && !id.contains("/")) {
                    return proxyAsOAuth2(c, proxy, asProxy.get(), method, body);
                }
            }
            if (p.equals(c.path)) {
                return switch (method) {
                    case "GET" -> Reply.ok(page(list(c, query).stream().map(o -> answer(c, o, query)).toList(), query));
                    case "POST" -> Reply.created(answer(c, create(c, requireObject(body)), query));
                    default -> throw ApiError.detail(405, "Method \"" + method + "\" not allowed.");
                };
            }
            if (p.startsWith(c.path + "/")) {
                String[] rest = p.substring(c.path.length() + 1).split("/");
                ObjectNode o = store.byId(c, rest[0]).filter(found -> !hidden(c, found)).orElseThrow(() -> notFound(c));
                if (rest.length == 2) {
                    return action(c, o, rest[1], method, body);
                }
                return switch (method) {
                    case "GET" -> Reply.ok(answer(c, o, query));
                    case "PATCH", "PUT" -> Reply.ok(answer(c, update(c, o, requireObject(body)), query));
                    case "DELETE" -> {
                        delete(c, o);
                        yield Reply.noContent();
                    }
                    default -> throw ApiError.detail(405, "Method \"" + method + "\" not allowed.");
                };
            }
        }
        violations.accept("the emulator does not implement " + method + " /" + path);
        throw ApiError.detail(404, "Not found.");
    }

    /**
     * DRF 3.16 answers get_object_or_404's Http404 with its message, "No Outpost matches the given query."
     * (rest_framework/views.py exception_handler); the other collections keep the emulator's generic wording.
     */
    private static ApiError notFound(Collection c) {
        return c.path.equals("outposts/instances") ? ApiError.detail(404, "No Outpost matches the given query.")
                : ApiError.notFound();
    }

    private Reply action(Collection c, ObjectNode o, String action, String method, JsonNode body) {
        if (c.path.equals("outposts/instances") && action.equals("health")) {
            // a GET-only detail action without pagination (authentik/outposts/api/outposts.py health)
            if (!method.equals("GET")) {
                throw ApiError.detail(405, "Method \"" + method + "\" not allowed.");
            }
            return Reply.ok(outposts.health(o));
        }
        if (c.path.equals("core/groups") && method.equals("POST")
                && (action.equals("add_user") || action.equals("remove_user"))) {
            String userPk = requireObject(body).path("pk").asText();
            if (store.inPool(Catalog.USER, userPk).isEmpty()) {
                throw ApiError.detail(404, "User not found");
            }
            ArrayNode users = o.withArray("users");
            if (action.equals("add_user") && !JsonArrays.contains(users, body.get("pk"))) {
                users.add(body.get("pk").asInt());
            } else if (action.equals("remove_user")) {
                for (int i = users.size() - 1; i >= 0; i--) {
                    if (users.get(i).asText().equals(userPk)) {
                        users.remove(i);
                    }
                }
            }
            return Reply.noContent();
        }
        if (c.path.equals("core/users") && action.equals("set_password") && method.equals("POST")) {
            // @permission_required("authentik_core.reset_user_password"), UserPasswordSetSerializer (password: a
            // required CharField), then User.set_password, which also moves password_change_date; policies are not
            // evaluated (authentik/core/api/users.py set_password, authentik/core/models.py)
            requireSuperuser();
            String password = requiredText(body, "password");
            o.put("password", PasswordHash.of(password));
            o.put("password_change_date", Instant.now().toString());
            return Reply.noContent();
        }
        if (c.path.equals("core/tokens") && action.equals("set_key") && method.equals("POST")) {
            // @permission_required("authentik_core.set_token_key"), @validate(TokenSetKeySerializer) (key: a required
            // CharField), then token.key = key; answered 204 without a body (authentik/core/api/tokens.py set_key)
            requireSuperuser();
            o.put("key", requiredText(body, "key"));
            return Reply.noContent();
        }
        if (c.path.equals("core/tokens") && action.equals("view_key") && method.equals("GET")) {
            // @permission_required("authentik_core.view_token_key"): superusers, and whoever created the token without
            // being one (perform_create assigns them that permission on it) (authentik/core/api/tokens.py view_key)
            if (!isSuperuser(caller) && !o.path("user").asText().equals(caller.path("pk").asText())) {
                throw ApiError.detail(403, "You do not have permission to perform this action.");
            }
            return Reply.ok(JSON.createObjectNode().put("key", o.path("key").asText()));
        }
        violations.accept("the emulator does not implement " + method + " /" + c.path + "/{id}/" + action + "/");
        throw ApiError.detail(404, "Not found.");
    }

    // ---- OAuth2 providers include proxy providers -------------------------------------------------------------

    /**
     * {@code /providers/oauth2/} serves proxy providers too: ProxyProvider subclasses OAuth2Provider and the viewset's
     * queryset is {@code OAuth2Provider.objects.all()}, which yields the parent rows of proxy providers as plain
     * OAuth2Provider instances (authentik/providers/oauth2/api/providers.py; providers/proxy/models.py).
     */
    private List<ObjectNode> oauth2Rows(Map<String, List<String>> query) {
        Collection oauth2 = store.catalog.byPath("providers/oauth2").orElseThrow();
        Collection proxy = store.catalog.byPath("providers/proxy").orElseThrow();
        return Stream.concat(store.all(oauth2).map(o -> renderer.render(oauth2, o)),
                        store.all(proxy).map(o -> renderer.renderAs(oauth2, proxy, o)))
                .filter(o -> matches(o, query, "/providers/oauth2/"))
                .toList();
    }

    /** A proxy provider addressed through the OAuth2 endpoint: read, changed or deleted as its OAuth2 parent row. */
    private Reply proxyAsOAuth2(Collection oauth2, Collection proxy, ObjectNode stored, String method, JsonNode body) {
        return switch (method) {
            case "GET" -> Reply.ok(renderer.renderAs(oauth2, proxy, stored));
            case "PATCH", "PUT" -> {
                // saved as an OAuth2Provider: its post_save is not a ProxyProvider's, so no outpost is sent an
                // update (authentik/outposts/signals.py connects OutpostModel subclasses only)
                stored.setAll(requireObject(body));
                yield Reply.ok(renderer.renderAs(oauth2, proxy, stored));
            }
            case "DELETE" -> {
                delete(proxy, stored);
                yield Reply.noContent();
            }
            default -> throw ApiError.detail(405, "Method \"" + method + "\" not allowed.");
        };
    }

    // ---- list -------------------------------------------------------------------------------------------------

    /**
     * An object as a list, a detail or a write answers it: the serializer reads the {@code include_*} parameters of
     * the request in every case (see {@link GroupTree#shape}).
     */
    private ObjectNode answer(Collection c, ObjectNode o, Map<String, List<String>> query) {
        ObjectNode rendered = renderer.render(c, o);
        GroupTree.shape(c, rendered, query);
        return rendered;
    }

    /** The JWT certificate authentik manages is not served by its viewset (authentik/crypto/api.py queryset). */
    private static boolean hidden(Collection c, ObjectNode o) {
        return c.path.equals("crypto/certificatekeypairs")
                && "goauthentik.io/crypto/jwt-managed".equals(o.path("managed").asText());
    }

    private List<ObjectNode> list(Collection c, Map<String, List<String>> query) {
        if (c.path.equals("policies/bindings") || c.path.equals("flows/bindings")) {
            // ?target= is a ModelChoiceFilter: a value that is not the pk of a PolicyBindingModel (of a flow, for
            // flow-stage bindings) is an invalid choice, a 400 (policies/api/bindings.py PolicyBindingFilter,
            // flows/api/bindings.py filterset_fields "__all__")
            for (String v : query.getOrDefault("target", List.of())) {
                boolean known = c.path.equals("flows/bindings")
                        ? store.inPool(Catalog.FLOW, v).isPresent()
                        : store.allInPool(Catalog.BINDING_TARGET).anyMatch(l -> v.equals(l.object()
                                .path("policybindingmodel_ptr_id").asText(l.collection().pkOf(l.object()).asText())));
                if (!known) {
                    throw ApiError.field("target",
                            "Select a valid choice. That choice is not one of the available choices.");
                }
            }
        }
        if (c.path.equals("propertymappings/provider/scope") && query.containsKey("managed")) {
            // ScopeMappingFilter.managed is an AllValuesMultipleFilter: its choices are the values some mapping has,
            // and any other value makes the filter set invalid, a 400 (authentik/providers/oauth2/api/scopes.py)
            Set<String> values = new HashSet<>();
            store.all(c).forEach(o -> values.add(o.path("managed").asText()));
            for (String v : query.get("managed")) {
                if (!values.contains(v)) {
                    throw ApiError.field("managed", "Select a valid choice. " + v
                            + " is not one of the available choices.");
                }
            }
        }
        Stream<ObjectNode> objects = store.all(c).filter(o -> !hidden(c, o))
                .filter(o -> matches(filterable(c, o), query, "/" + c.path + "/"));
        if (c.path.equals("core/applications")
                && !(first(query, "superuser_full_list").equals("true") && isSuperuser(caller))) {
            // superuser_full_list is honoured for superusers only; anyone else gets the applications they pass the
            // policies of (authentik/core/api/applications.py, list())
            objects = objects.filter(this::callerMayAccess);
        }
        return objects.toList();
    }

    /**
     * The object as list filters see it: the answer, except that a policy binding's {@code target} filters by the
     * PolicyBindingModel pk ({@code PolicyBindingFilter.Meta.fields} "target", a FK filter on {@code pbm_uuid}) while
     * the answer renders the subclass pk (authentik/policies/api/bindings.py, 2026.2: {@code to_representation}); a
     * user's {@code is_superuser} filters by direct groups.
     */
    private ObjectNode filterable(Collection c, ObjectNode stored) {
        ObjectNode rendered = renderer.render(c, stored);
        if (c.path.equals("policies/bindings")) {
            rendered.set("target", stored.get("target"));
        }
        if (c.path.equals("core/users")) {
            // UsersFilter.filter_is_superuser: groups__is_superuser, the direct groups only, while the answer's
            // is_superuser goes through their ancestors (authentik/core/api/users.py, core/models.py)
            rendered.put("is_superuser", renderer.groups().directlySuperuser(stored));
        }
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
            boolean hit = switch (op) {
                case "iexact" -> actual.asText().equalsIgnoreCase(v);
                case "icontains" -> actual.asText().toLowerCase(Locale.ROOT).contains(v.toLowerCase(Locale.ROOT));
                case "isnull" -> actual.isNull() == Boolean.parseBoolean(v);
                default -> actual.isArray() ? JsonArrays.contains(actual, JSON.getNodeFactory().textNode(v))
                        : actual.isNull() ? v.isEmpty() : actual.asText().equals(v);
            };
            if (hit) {
                return true;
            }
        }
        return false;
    }

    private static boolean search(ObjectNode o, String term) {
        String t = term.toLowerCase(Locale.ROOT);
        return Stream.of("name", "slug", "username", "identifier", "domain")
                .anyMatch(f -> o.path(f).asText().toLowerCase(Locale.ROOT).contains(t));
    }

    private ObjectNode page(List<ObjectNode> all, Map<String, List<String>> query) {
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

    // ---- create / update / delete -------------------------------------------------------------------------------

    ObjectNode create(Collection c, ObjectNode attrs) {
        normalize(c, attrs);
        ObjectNode o = c.defaults.deepCopy();
        o.setAll(attrs);
        validate(c, attrs, o, null);
        beforeCreate(c, attrs, o);
        store.insert(c, o);
        afterWrite(c, attrs, o);
        outpostUpdates(c, attrs, Set.of(), o);
        return o;
    }

    ObjectNode update(Collection c, ObjectNode existing, ObjectNode attrs) {
        if (c.path.equals("policies/bindings") && !attrs.hasNonNull("target")) {
            // PolicyBindingSerializer.validate() calls attrs.get("target").supported_policy_binding_targets(): on a
            // partial update without target that is None.supported_...(), an AttributeError, so authentik answers 500
            // (authentik/policies/api/bindings.py, 2026.2, validate())
            throw ApiError.detail(500, "A server error occurred.");
        }
        normalize(c, attrs);
        ObjectNode merged = existing.deepCopy();
        merged.setAll(attrs);
        validate(c, attrs, merged, existing);
        Set<String> providersBefore = JsonArrays.texts(existing.path("providers"));
        existing.setAll(attrs);
        afterWrite(c, attrs, existing);
        outpostUpdates(c, attrs, providersBefore, existing);
        return existing;
    }

    /**
     * The updates authentik sends outposts after a save (authentik/outposts/signals.py, outpost_send_update in
     * authentik/outposts/tasks.py). Deletes send none: a provider deleted leaves the outposts' m2m by cascade, which
     * fires no m2m_changed. Applications send none either: their post_save only clears a cache
     * (authentik/core/signals.py post_save_application), so an outpost sees a provider's new application at its next
     * interval refresh unless something else updates it.
     */
    private void outpostUpdates(Collection c, ObjectNode attrs, Set<String> providersBefore, ObjectNode saved) {
        Collection outpostCollection = store.catalog.byPath("outposts/instances").orElseThrow();
        switch (c.path) {
            case "outposts/instances" -> {
                String pk = saved.get("pk").asText();
                outposts.updateSent(pk); // outpost_post_save
                if (attrs.has("providers")) {
                    // the serializer's providers.set(): a remove and an add, each an m2m_changed
                    // (post_remove / post_add) that sends another update when it changed anything
                    Set<String> after = JsonArrays.texts(saved.path("providers"));
                    if (!after.containsAll(providersBefore)) {
                        outposts.updateSent(pk);
                    }
                    if (!providersBefore.containsAll(after)) {
                        outposts.updateSent(pk);
                    }
                }
            }
            // outpost_related_post_save: every outpost holding the provider
            case "providers/proxy" -> store.all(outpostCollection)
                    .filter(op -> JsonArrays.contains(op.get("providers"), saved.get("pk")))
                    .forEach(op -> outposts.updateSent(op.get("pk").asText()));
            // outpost_reverse_related_post_save: the outposts of every proxy provider using the certificate
            case "crypto/certificatekeypairs" -> store.all(store.catalog.byPath("providers/proxy").orElseThrow())
                    .filter(p -> p.path("certificate").asText().equals(saved.get("pk").asText()))
                    .forEach(p -> store.all(outpostCollection)
                            .filter(op -> JsonArrays.contains(op.get("providers"), p.get("pk")))
                            .forEach(op -> outposts.updateSent(op.get("pk").asText())));
            // core/brands: outpost_reverse_related_post_save runs for a Brand too, but no Brand field relates to an
            // OutpostModel (authentik/brands/models.py), so it sends nothing
            default -> { }
        }
    }

    /** Values authentik stores in another form than they were written in. */
    private void normalize(Collection c, ObjectNode attrs) {
        // DRF's CharField trims leading and trailing whitespace by default (trim_whitespace=True) with Python's
        // str.strip(), and model serializers map every CharField and TextField to it: names, slugs, expressions,
        // hosts, regex lists (rest_framework/fields.py CharField.to_internal_value; no authentik serializer used here
        // opts out); choice, related and date fields are not CharFields
        DrfText.trim(attrs, schema.charFields(c.schema + "Request"));
        if (c.path.equals("policies/bindings") && attrs.hasNonNull("target")) {
            // PolicyBindingModelForeignKey.to_internal_value accepts the subclass pk (a flow's, a flow-stage binding's
            // own pk) or the PolicyBindingModel pk; the row stores the latter (authentik/policies/api/bindings.py)
            store.inPool(Catalog.BINDING_TARGET, attrs.get("target").asText())
                    .map(l -> l.object().has("policybindingmodel_ptr_id") ? l.object().get("policybindingmodel_ptr_id")
                            : l.collection().pkOf(l.object()))
                    .ifPresent(pbm -> attrs.set("target", pbm));
        }
        if (c.path.equals("core/tokens")) {
            // key is a field of TokenSerializer only in a blueprint's context (its __init__ adds it there); a request
            // cannot write it (authentik/core/api/tokens.py)
            attrs.remove("key");
        }
        if (c.path.equals("stages/authenticator/totp") && attrs.has("digits") && attrs.get("digits").isNumber()) {
            // DigitsEnum: answered as the strings "6"/"8" even when a blueprint wrote the number (API-NOTES §6.7)
            attrs.put("digits", attrs.get("digits").asText());
        }
    }

    private void validate(Collection c, ObjectNode attrs, ObjectNode merged, ObjectNode existing) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        c.foreignKeys.forEach((field, pool) -> {
            JsonNode v = attrs.get(field);
            if (v == null || v.isNull()) {
                return;
            }
            for (JsonNode ref : v.isArray() ? v : JSON.createArrayNode().add(v)) {
                if (store.inPool(pool, ref.asText()).isEmpty()) {
                    errors.computeIfAbsent(field, k -> new ArrayList<>())
                            .add("Invalid pk \"" + ref.asText() + "\" - object does not exist.");
                }
            }
        });
        List<Collection> namespace = c.family != null ? store.catalog.pool(c.family) : List.of(c);
        for (String field : c.unique) {
            JsonNode v = merged.get(field);
            if (v == null || v.isNull() || v.asText().isEmpty()) {
                continue;
            }
            boolean taken = namespace.stream().flatMap(store::all)
                    .anyMatch(o -> o != existing && v.asText().equals(o.path(field).asText())
                            && !(field.equals("provider") && o.path(field).isNull()));
            if (taken) {
                errors.computeIfAbsent(field, k -> new ArrayList<>()).add(uniqueMessage(c, field));
            }
        }
        rules(c, attrs, merged, existing, errors);
        if (!errors.isEmpty()) {
            throw ApiError.fields(errors);
        }
    }

    /**
     * DRF's message for a taken unique field: the model field's "%(model_name)s with this %(field_label)s already
     * exists." with the model's verbose name (rest_framework/utils/field_mapping.py get_unique_error_message), or
     * UniqueValidator's own "This field must be unique." where the serializer declares one (the brand's domain).
     */
    private static String uniqueMessage(Collection c, String field) {
        if (c.path.equals("core/brands")) {
            return "This field must be unique.";
        }
        String model = switch (c.family == null ? c.path : c.family) {
            case Catalog.MAPPING -> "Property Mapping";
            case Catalog.PROVIDER -> "provider";
            case Catalog.STAGE -> "stage";
            case Catalog.POLICY -> "Policy";
            case "core/applications" -> "Application";
            case "core/groups" -> "Group";
            case "flows/instances" -> "Flow";
            case "core/users" -> "User";
            case "core/tokens" -> "Token";
            default -> c.verboseName != null ? c.verboseName : c.model.substring(c.model.indexOf('.') + 1);
        };
        return model + " with this " + field.replace('_', ' ') + " already exists.";
    }

    /** The serializer-specific checks of authentik that API-NOTES documents. */
    private void rules(Collection c, ObjectNode attrs, ObjectNode merged, ObjectNode existing,
            Map<String, List<String>> errors) {
        switch (c.path) {
            case "providers/proxy" -> {
                // validate() reads attrs.get("mode", "proxy"): a PATCH without mode is checked as mode=proxy
                String mode = attrs.path("mode").asText("proxy");
                if (mode.equals("proxy") && attrs.path("internal_host").asText("").isEmpty()) {
                    add(errors, "internal_host", "Internal host cannot be empty when forward auth is disabled.");
                }
                if (attrs.path("basic_auth_enabled").asBoolean(false)
                        && (attrs.path("basic_auth_user_attribute").asText("").isEmpty()
                                || attrs.path("basic_auth_password_attribute").asText("").isEmpty())) {
                    add(errors, "basic_auth_enabled",
                            "User and password attributes must be set when basic auth is enabled.");
                }
            }
            case "providers/oauth2" -> {
                for (JsonNode uri : merged.withArray("redirect_uris")) {
                    if (uri.path("matching_mode").asText().equals("regex")) {
                        try {
                            Pattern.compile(uri.path("url").asText());
                        } catch (PatternSyntaxException e) {
                            add(errors, "redirect_uris", "Invalid Regex Pattern: " + uri.path("url").asText());
                        }
                    }
                }
            }
            case "core/applications" -> {
                if (RESERVED_SLUGS.contains(merged.path("slug").asText())) {
                    // authentik/core/api/applications.py validate_slug()
                    add(errors, "slug", "The slug '" + merged.path("slug").asText()
                            + "' is reserved and cannot be used for applications.");
                }
            }
            case "flows/bindings" -> {
                // validate() reads both from the request with the model's defaults (flows/api/bindings.py)
                if (!attrs.path("evaluate_on_plan").asBoolean(false) && !attrs.path("re_evaluate_policies").asBoolean(true)) {
                    add(errors, "non_field_errors", "Either evaluation on plan or evaluation on run must be enabled");
                }
                boolean taken = store.all(c).anyMatch(o -> o != existing
                        && o.get("target").asText().equals(merged.get("target").asText())
                        && o.get("stage").asText().equals(merged.get("stage").asText())
                        && o.get("order").asInt() == merged.get("order").asInt());
                if (taken) {
                    add(errors, "non_field_errors", "The fields target, stage, order must make a unique set.");
                }
            }
            case "policies/bindings" -> {
                // validate() counts what this request sends, not the stored row; the order is
                // PolicyBindingModel.supported_policy_binding_targets() (authentik/policies/models.py)
                long set = Stream.of("policy", "user", "group").filter(f -> !attrs.path(f).isNull()
                        && !attrs.path(f).isMissingNode()).count();
                if (set > 1) {
                    add(errors, "non_field_errors", "Only one of 'policy', 'user', 'group' can be set.");
                } else if (set == 0) {
                    add(errors, "non_field_errors", "One of 'policy', 'user', 'group' must be set.");
                }
                // Meta.unique_together = ("policy", "target", "order"): DRF's UniqueTogetherValidator skips rows
                // with a null policy, as the database does (authentik/policies/models.py)
                boolean taken = !merged.path("policy").isNull() && store.all(c).anyMatch(o -> o != existing
                        && o.path("policy").asText().equals(merged.path("policy").asText())
                        && o.get("target").asText().equals(merged.get("target").asText())
                        && o.get("order").asInt() == merged.get("order").asInt());
                if (taken) {
                    add(errors, "non_field_errors", "The fields policy, target, order must make a unique set.");
                }
            }
            case "stages/identification" -> {
                // validate() reads attrs.get("user_fields", []) and attrs.get("sources", []) of the request and
                // changes neither (authentik/stages/identification/api.py): a PATCH leaves sources as they are
                if (attrs.path("user_fields").isEmpty() && attrs.path("sources").isEmpty()) {
                    add(errors, "non_field_errors",
                            "When no user fields are selected, at least one source must be selected");
                }
            }
            case "stages/authenticator/validate" -> {
                // validate_not_configured_action() reads configuration_stages of the request
                // (authentik/stages/authenticator_validate/api.py)
                if (attrs.path("not_configured_action").asText().equals("configure")
                        && attrs.path("configuration_stages").isEmpty()) {
                    add(errors, "not_configured_action", "When \"Not configured action\" is set to \"Configure\", "
                            + "you must set a configuration stage.");
                }
            }
            case "outposts/instances" -> {
                if (existing != null && "goauthentik.io/outposts/embedded".equals(existing.path("managed").asText())
                        && attrs.has("name") && !attrs.get("name").asText().equals(existing.get("name").asText())) {
                    add(errors, "name", "Embedded outpost's name cannot be changed");
                }
                // validate_providers() checks the type sent in this request against each provider's class
                // (authentik/outposts/api/outposts.py)
                if (attrs.has("type")) {
                    for (JsonNode pk : merged.withArray("providers")) {
                        Optional<Store.Located> provider = store.inPool(Catalog.PROVIDER, pk.asText());
                        boolean proxy = provider.map(l -> l.collection().path.equals("providers/proxy")).orElse(false);
                        if (attrs.get("type").asText().equals("proxy") && !proxy && provider.isPresent()) {
                            add(errors, "providers", "Outpost type proxy can't be used with "
                                    + provider.get().collection().schema + " providers.");
                            break;
                        }
                    }
                }
            }
            case "core/tokens" -> token(attrs, merged, existing, errors);
            case "core/brands" -> {
                if (merged.path("default").asBoolean() && store.all(c)
                        .anyMatch(o -> o != existing && o.path("default").asBoolean())) {
                    add(errors, "default", "Only a single brand can be set as default.");
                }
            }
            default -> { }
        }
        if (attrs.has("users") && c.path.equals("core/groups")) {
            attrs.set("users", JsonArrays.distinct(attrs.withArray("users")));
        }
    }

    /**
     * TokenSerializer (authentik/core/api/tokens.py): {@code validate_user} refuses another user than the token's
     * when the request names one; {@code validate()} then, with a request, fills in a missing user with the caller
     * and a missing intent with api, on a PATCH as on a create: a PATCH without {@code user} hands the token to the
     * caller, one without {@code intent} makes it an API token. Only api and app_password may be written; an API
     * token's {@code expires} is reset to now plus the default token duration on every write; an app password may
     * not outlive the user's {@code goauthentik.io/user/token-maximum-lifetime} (their groups' attributes, then their
     * own). Without a request (a blueprint) user and intent must be given.
     */
    private void token(ObjectNode attrs, ObjectNode merged, ObjectNode existing, Map<String, List<String>> errors) {
        if (existing != null && attrs.hasNonNull("user")
                && !attrs.get("user").asText().equals(existing.path("user").asText())) {
            add(errors, "user", "User cannot be changed");
            return;
        }
        if (caller == null) {
            if (!attrs.has("user")) {
                add(errors, "non_field_errors", "Missing user");
                return;
            }
            if (!attrs.has("intent")) {
                add(errors, "non_field_errors", "Missing intent");
                return;
            }
        } else if (!attrs.has("user")) {
            attrs.set("user", caller.get("pk"));
        }
        if (!attrs.has("intent")) {
            attrs.put("intent", "api");
        }
        String intent = attrs.get("intent").asText();
        if (!intent.equals("api") && !intent.equals("app_password")) {
            add(errors, "intent", "Invalid intent " + intent);
            return;
        }
        Instant defaultExpiry = store.now.plus(AuthentikLib.duration(defaultTokenDuration()));
        if (intent.equals("api")) {
            attrs.put("expires", defaultExpiry.toString());
        } else if (attrs.hasNonNull("expires")) {
            Instant max = defaultExpiry;
            String lifetime = groupAttributes(attrs.get("user").asText())
                    .path("goauthentik.io/user/token-maximum-lifetime").asText(null);
            if (lifetime != null) {
                try {
                    max = store.now.plus(AuthentikLib.duration(lifetime));
                } catch (RuntimeException unparsable) {
                    // a ValueError is ignored: the default duration stays the limit
                }
            }
            if (Instant.parse(attrs.get("expires").asText()).isAfter(max)) {
                add(errors, "expires", "Token expires exceeds maximum lifetime (" + max + " UTC).");
                return;
            }
        }
        merged.setAll(attrs);
    }

    /** The tenant's {@code default_token_duration}; its model default before the settings exist (while seeding). */
    private String defaultTokenDuration() {
        return store.settings == null ? "days=1" : store.settings.path("default_token_duration").asText("days=1");
    }

    /**
     * User.group_attributes without a request: the attributes of all_groups() by name (the user's groups and their
     * ancestors), then the user's own (authentik/core/models.py).
     */
    private ObjectNode groupAttributes(String userPk) {
        ObjectNode out = JSON.createObjectNode();
        store.inPool(Catalog.USER, userPk).ifPresent(u -> {
            renderer.groups().allGroups(u.object()).stream()
                    .sorted(java.util.Comparator.comparing(g -> g.path("name").asText()))
                    .filter(g -> g.path("attributes").isObject())
                    .forEach(g -> out.setAll((ObjectNode) g.get("attributes")));
            if (u.object().path("attributes").isObject()) {
                out.setAll((ObjectNode) u.object().get("attributes"));
            }
        });
        return out;
    }

    private void beforeCreate(Collection c, ObjectNode attrs, ObjectNode o) {
        switch (c.path) {
            // the OAuth2Provider parent row's generated credentials (providers/oauth2/models.py defaults)
            case "providers/proxy" -> o.put("client_id", AuthentikLib.random(40)).put("client_secret", AuthentikLib.random(128));
            case "providers/oauth2" -> {
                if (o.path("client_id").asText("").isEmpty()) {
                    o.put("client_id", AuthentikLib.random(40));
                }
                if (o.path("client_secret").asText("").isEmpty()) {
                    o.put("client_secret", AuthentikLib.random(128));
                }
            }
            case "stages/invitation/invitations" -> {
                if (o.path("expires").isNull()) {
                    // ExpiringModel: an expiry left empty becomes now + the default token duration
                    // (authentik/core/signals.py with core/models.py default_token_duration())
                    o.put("expires", store.now.plus(AuthentikLib.duration(store.settings.path("default_token_duration")
                            .asText("minutes=30"))).toString());
                }
            }
            case "core/groups" -> o.put("num_pk", store.all(c).mapToInt(g -> g.path("num_pk").asInt()).max().orElse(1000) + 1);
            case "core/users" -> {
                String now = Instant.now().toString();
                o.put("uuid", UUID.randomUUID().toString()).put("date_joined", now).put("last_updated", now)
                        .put("password_change_date", now);
            }
            case "core/tokens" -> {
                // default_token_key(): generate_id(default_token_length) (authentik/core/models.py)
                o.put("key", AuthentikLib.random(store.settings == null ? 60 : store.settings.path("default_token_length").asInt(60)));
                // perform_create: a caller who is not a superuser gets the token, expiring as their
                // goauthentik.io/user/token-expires attribute says (authentik/core/api/tokens.py)
                if (caller != null && !isSuperuser(caller)) {
                    o.set("user", caller.get("pk"));
                    o.put("expiring", caller.path("attributes").path("goauthentik.io/user/token-expires").asBoolean(true));
                }
            }
            default -> { }
        }
    }

    private void afterWrite(Collection c, ObjectNode attrs, ObjectNode o) {
        if (c.path.equals("providers/proxy")) {
            // set_oauth_defaults(): the proxy serializer adds the managed scope mappings on every save
            ArrayNode mappings = o.withArray("property_mappings");
            for (String managed : PROXY_DEFAULT_MAPPINGS) {
                store.all(store.catalog.byPath("propertymappings/provider/scope").orElseThrow())
                        .filter(m -> managed.equals(m.path("managed").asText())).findFirst()
                        .ifPresent(m -> {
                            if (!JsonArrays.contains(mappings, m.get("pk"))) {
                                mappings.add(m.get("pk").asText());
                            }
                        });
            }
        }
        if (c.path.equals("core/users") && attrs.has("groups")) {
            // membership is one relation: setting a user's groups rewrites the groups' member lists
            Set<String> wanted = new HashSet<>();
            attrs.get("groups").forEach(g -> wanted.add(g.asText()));
            for (ObjectNode g : store.list(store.catalog.byPath("core/groups").orElseThrow())) {
                ArrayNode users = g.withArray("users");
                boolean member = JsonArrays.contains(users, o.get("pk"));
                if (wanted.contains(g.get("pk").asText()) && !member) {
                    users.add(o.get("pk").asInt());
                } else if (!wanted.contains(g.get("pk").asText()) && member) {
                    for (int i = users.size() - 1; i >= 0; i--) {
                        if (users.get(i).asText().equals(o.get("pk").asText())) {
                            users.remove(i);
                        }
                    }
                }
            }
            o.remove("groups");
        }
    }

    void delete(Collection c, ObjectNode o) {
        store.remove(c, o);
        String pk = c.pkOf(o).asText();
        String pbm = o.path("policybindingmodel_ptr_id").asText(pk);
        Collection policyBindings = store.catalog.byPath("policies/bindings").orElseThrow();
        Collection flowBindings = store.catalog.byPath("flows/bindings").orElseThrow();
        if (c.policyBindingTarget) {
            store.list(policyBindings).stream().filter(b -> b.get("target").asText().equals(pbm))
                    .forEach(b -> delete(policyBindings, b));
        }
        if (Catalog.PROVIDER.equals(c.family)) {
            store.all(store.catalog.byPath("core/applications").orElseThrow())
                    .filter(a -> a.path("provider").asText().equals(pk)).forEach(a -> a.putNull("provider"));
            store.all(store.catalog.byPath("outposts/instances").orElseThrow())
                    .forEach(op -> op.set("providers", JsonArrays.without(op.withArray("providers"), pk)));
        }
        switch (c.family == null ? c.path : c.family) {
            case "flows/instances" -> store.list(flowBindings).stream()
                    .filter(b -> b.get("target").asText().equals(pk)).forEach(b -> delete(flowBindings, b));
            case Catalog.STAGE -> store.list(flowBindings).stream()
                    .filter(b -> b.get("stage").asText().equals(pk)).forEach(b -> delete(flowBindings, b));
            case Catalog.POLICY -> {
                store.list(policyBindings).stream().filter(b -> b.path("policy").asText().equals(pk))
                        .forEach(b -> delete(policyBindings, b));
                store.all(store.catalog.byPath("stages/prompt/stages").orElseThrow()).forEach(
                        s -> s.set("validation_policies", JsonArrays.without(s.withArray("validation_policies"), pk)));
            }
            // a many-to-many relation: deleting a mapping takes it out of every provider's list
            case Catalog.MAPPING -> store.allInPool(Catalog.PROVIDER).forEach(l -> l.object()
                    .set("property_mappings", JsonArrays.without(l.object().withArray("property_mappings"), pk)));
            case "core/groups" -> store.list(policyBindings).stream()
                    .filter(b -> b.path("group").asText().equals(pk)).forEach(b -> delete(policyBindings, b));
            case "stages/prompt/prompts" -> store.all(store.catalog.byPath("stages/prompt/stages").orElseThrow())
                    .forEach(s -> s.set("fields", JsonArrays.without(s.withArray("fields"), pk)));
            case "core/users" -> {
                store.all(store.catalog.byPath("core/groups").orElseThrow())
                        .forEach(g -> g.set("users", JsonArrays.without(g.withArray("users"), pk)));
                // Token.user is a ForeignKey with on_delete=CASCADE (authentik/core/models.py)
                Collection tokens = store.catalog.byPath("core/tokens").orElseThrow();
                store.list(tokens).stream().filter(t -> t.path("user").asText().equals(pk)).forEach(t -> delete(tokens, t));
            }
            default -> { }
        }
    }

    /**
     * Deletes every invitation whose expiry has passed, as authentik's periodic cleanup of expired models does
     * every 5 minutes (authentik/core/tasks.py clean_expired_models).
     */
    void deleteExpired() {
        Collection invitations = store.catalog.byPath("stages/invitation/invitations").orElseThrow();
        store.list(invitations).stream()
                .filter(i -> !i.path("expires").isNull() && Instant.parse(i.get("expires").asText()).isBefore(store.now))
                .forEach(i -> delete(invitations, i));
    }

    // ---- settings ----------------------------------------------------------------------------------------------

    private Reply settings(String method, JsonNode body) {
        if (method.equals("GET")) {
            return Reply.ok(renderedSettings());
        }
        ObjectNode attrs = requireObject(body);
        if (method.equals("PUT") && !attrs.has("flags")) {
            throw ApiError.field("flags", "This field is required.");
        }
        if (attrs.has("flags")) {
            // the flags field checks the type of each flag it is sent and stores what was sent; a flag not stored
            // answers its default (authentik/tenants/api/settings.py, authentik/tenants/flags.py)
            JsonNode flags = attrs.get("flags");
            if (!flags.isObject()) {
                throw ApiError.field("flags", "Expected a dictionary of items but got type \""
                        + flags.getNodeType().name().toLowerCase(Locale.ROOT) + "\".");
            }
            for (String flag : SETTINGS_FLAGS) {
                if (flags.has(flag) && !flags.get(flag).isBoolean()) {
                    throw ApiError.field("flags", "Value for flag " + flag + " needs to be of type bool.");
                }
            }
        }
        store.settings.setAll(attrs);
        return Reply.ok(renderedSettings());
    }

    private ObjectNode renderedSettings() {
        ObjectNode out = store.settings.deepCopy();
        ObjectNode flags = JSON.createObjectNode();
        SETTINGS_FLAGS.forEach(f -> flags.put(f, store.settings.path("flags").path(f).asBoolean(false)));
        out.set("flags", flags);
        return out;
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /** Whether {@code user} is in a superuser group, as users/me answers is_superuser (User.is_superuser). */
    private boolean isSuperuser(ObjectNode user) {
        return user != null && renderer.userSelf(user).path("is_superuser").asBoolean();
    }

    /** ObjectPermissions for the actions this emulator serves: superusers hold every permission. */
    private void requireSuperuser() {
        if (caller != null && !isSuperuser(caller)) {
            throw ApiError.detail(403, "You do not have permission to perform this action.");
        }
    }

    /**
     * A required DRF {@code CharField} of a passive serializer's body, trimmed as Python trims: missing, null or blank
     * (after trimming) is a 400 naming the field (rest_framework/fields.py). set_password's and set_key's fields are
     * such fields (authentik/core/api/users.py UserPasswordSetSerializer, core/api/tokens.py TokenSetKeySerializer).
     */
    private static String requiredText(JsonNode body, String field) {
        JsonNode value = requireObject(body).get(field);
        if (value == null) {
            throw ApiError.field(field, "This field is required.");
        }
        if (value.isNull()) {
            throw ApiError.field(field, "This field may not be null.");
        }
        String text = DrfText.strip(value.asText());
        if (text.isEmpty()) {
            throw ApiError.field(field, "This field may not be blank.");
        }
        return text;
    }

    /** A group binding passes for members of the group or of a group below it (PolicyBinding.passes, is_member). */
    private boolean callerMayAccess(ObjectNode app) {
        Collection bindings = store.catalog.byPath("policies/bindings").orElseThrow();
        List<ObjectNode> own = store.all(bindings).filter(b -> b.get("target").asText().equals(app.get("pk").asText()))
                .toList();
        return own.isEmpty() || own.stream().anyMatch(b -> !b.path("group").isNull()
                && store.inPool(Catalog.GROUP, b.get("group").asText())
                        .map(g -> renderer.groups().isMember(g.object(), caller)).orElse(false));
    }

    private static ObjectNode requireObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiError.field("non_field_errors", "Invalid data. Expected a dictionary, but got "
                    + (body == null ? "nothing" : body.getNodeType().name().toLowerCase(Locale.ROOT)) + ".");
        }
        return (ObjectNode) body;
    }

    private static void add(Map<String, List<String>> errors, String field, String message) {
        errors.computeIfAbsent(field, k -> new ArrayList<>()).add(message);
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
