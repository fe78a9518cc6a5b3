package io.github.authentikprovisioner.emulator;

import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The emulated authentik as a collection's rules see it while one call is handled: its database, who the call is
 * made as, how objects are answered, its outposts, and deletion with what each row says a deletion takes along (rules
 * delete through it too, so cascades chain). Used under the emulator's lock.
 */
final class RuleContext {

    final Store store;
    final Renderer renderer;
    final EmulatedOutposts outposts;
    /** Where behaviour the emulator does not emulate is reported, so the test that met it fails. */
    private final Consumer<String> violations;
    /**
     * The user the current request authenticated as (its token's user), or null while a blueprint is applied: the
     * importer runs serializers without a request (authentik/blueprints/v1/importer.py). Set by the emulator under
     * its lock around each call.
     */
    private ObjectNode caller;

    RuleContext(Store store, Renderer renderer, EmulatedOutposts outposts, Consumer<String> violations) {
        this.store = store;
        this.renderer = renderer;
        this.outposts = outposts;
        this.violations = violations;
    }

    /** Who the following calls are made as; null for blueprint applications. */
    void caller(ObjectNode user) {
        this.caller = user;
    }

    /** The caller's user, or null while a blueprint is applied. */
    ObjectNode caller() {
        return caller;
    }

    /** The collection served at {@code path}, which the catalog has. */
    Collection collection(String path) {
        return store.catalog.byPath(path).orElseThrow();
    }

    /** The objects of the collection at {@code path}. */
    Stream<ObjectNode> all(String path) {
        return store.all(collection(path));
    }

    /** Whether {@code user} is in a superuser group, as users/me answers is_superuser (User.is_superuser). */
    boolean isSuperuser(ObjectNode user) {
        return user != null && UserRules.self(renderer, user).path("is_superuser").asBoolean();
    }

    /** ObjectPermissions for the actions this emulator serves: superusers hold every permission. */
    void requireSuperuser() {
        if (caller != null && !isSuperuser(caller)) {
            throw ApiError.detail(403, "You do not have permission to perform this action.");
        }
    }

    /**
     * Reports that answering this call needs {@code what}, which the emulator does not emulate, as a violation (so the
     * test fails) and gives the 500 to answer instead of a made-up result; the caller throws it.
     */
    ApiError notEmulated(String what) {
        violations.accept("the emulator does not emulate " + what);
        return ApiError.detail(500, "not emulated: " + what);
    }

    /**
     * Deletes {@code o} with what goes with it: the policy bindings of a binding target, then the row's cascades
     * ({@link Collection#onDelete}).
     */
    void delete(Collection c, ObjectNode o) {
        store.remove(c, o);
        String pk = c.pkOf(o).asText();
        if (c.policyBindingTarget) {
            String pbm = o.path("policybindingmodel_ptr_id").asText(pk);
            Collection bindings = collection("policies/bindings");
            store.list(bindings).stream().filter(b -> b.get("target").asText().equals(pbm))
                    .forEach(b -> delete(bindings, b));
        }
        c.cascades.forEach(cascade -> cascade.deleted(this, pk));
    }
}
