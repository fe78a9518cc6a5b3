package io.github.authentikprovisioner.emulator;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * authentik's {@code PolicyEngine} over one binding target (an application, a flow, a flow-stage binding) for one
 * user, as 2026.2.2 has it (authentik/policies/engine.py):
 * <ul>
 * <li>{@code bindings()}: the target's bindings with {@code enabled=True}, by {@code order};</li>
 * <li>{@code compute_static_bindings()}: the group and user bindings are counted in one aggregate, not run one by
 * one. {@code total} counts those with no policy; {@code passing} those where {@code user} is the user or
 * {@code group} is in {@code user.all_groups()} (the user's groups <em>with their ancestors</em>,
 * authentik/core/models.py, so a member of a child group passes a binding to its parent) and {@code negate} is
 * false, or where they are not and {@code negate} is true. None of either: no static result. Else one
 * {@code PolicyResult(passing)} without messages: in mode {@code any} passing when {@code passing > 0}, in mode
 * {@code all} when {@code passing == total};</li>
 * <li>{@code result}: the bindings to policies run as one {@code PolicyProcess} each; with the static result they
 * are combined by the target's {@code policy_engine_mode} ({@code all()} or {@code any()} of them), their messages
 * joined; no result at all passes ({@code empty_result = True}).</li>
 * </ul>
 * Neither the engine nor {@code PolicyRequest} looks at {@code is_active}: an inactive user is evaluated like any
 * other (authentik/policies/types.py).
 *
 * <p>What is not emulated: running a policy (an expression policy is Python, a password policy needs the request's
 * context). Where a binding to a policy is enabled, the engine answers only when the static result decides alone
 * (mode {@code any} and it passes, mode {@code all} and it fails) and only the {@code passing} flag, since a policy
 * adds its messages even then; anything else is reported as not emulated ({@link RuleContext#notEmulated}).
 */
final class PolicyEngine {

    private final RuleContext ctx;
    private final String target;
    private final String mode;
    private final List<ObjectNode> bindings;

    /** The engine of {@code pbm}, an object of {@code c}, a policy-binding target. */
    PolicyEngine(RuleContext ctx, Collection c, ObjectNode pbm) {
        this.ctx = ctx;
        String pk = pbm.path("policybindingmodel_ptr_id").asText(c.pkOf(pbm).asText());
        this.target = c.schema + " " + pbm.path(c.idField).asText();
        // PolicyEngine.__init__: self.mode = pbm.policy_engine_mode
        this.mode = pbm.path("policy_engine_mode").asText("any");
        // PolicyEngine.bindings(): PolicyBinding.objects.filter(target=pbm, enabled=True).order_by("order")
        this.bindings = ctx.all("policies/bindings").filter(b -> b.get("target").asText().equals(pk))
                .filter(b -> b.path("enabled").asBoolean(true))
                .sorted(Comparator.comparingInt(b -> b.path("order").asInt())).toList();
    }

    /**
     * {@code PolicyEngine.result.passing} for {@code user}; where it hangs on a policy's result, reported as not
     * emulated and thrown.
     */
    boolean passing(ObjectNode user) {
        Optional<Boolean> decided = decided(user);
        if (decided.isEmpty()) {
            throw notEmulated("whose outcome it decides");
        }
        return decided.get();
    }

    /**
     * {@code PolicyEngine.result} in full, its passing and its messages: the static result carries none, a policy may
     * carry some whatever its outcome ({@code ak_message}, a password policy's error), so any binding to a policy is
     * reported as not emulated and thrown.
     */
    List<String> messages(ObjectNode user) {
        if (!policyBindings().isEmpty()) {
            throw notEmulated("whose result and messages the answer carries");
        }
        return List.of();
    }

    /** The result where the static bindings decide it, else empty. */
    private Optional<Boolean> decided(ObjectNode user) {
        Optional<Boolean> fromStatic = staticResult(user);
        if (policyBindings().isEmpty()) {
            // no result at all: empty_result, True "for backwards compatibility"
            return Optional.of(fromStatic.orElse(true));
        }
        if (fromStatic.isPresent() && fromStatic.get() == mode.equals("any")) {
            // any() with a passing result, or all() with a failing one, whatever the policies answer
            return fromStatic;
        }
        return Optional.empty();
    }

    /** {@code compute_static_bindings()}: empty when there is no static result. */
    private Optional<Boolean> staticResult(ObjectNode user) {
        Set<String> allGroups = ctx.renderer.groups().allGroups(user).stream().map(g -> g.get("pk").asText())
                .collect(Collectors.toSet());
        String userPk = user.get("pk").asText();
        long total = 0;
        long passing = 0;
        for (ObjectNode b : bindings) {
            boolean isGroup = !b.path("group").isNull() && !b.path("group").isMissingNode();
            boolean isUser = !b.path("user").isNull() && !b.path("user").isMissingNode();
            if (!isGroup && !isUser) {
                continue; // a binding to a policy: the serializer lets a binding set one of the three only
            }
            total++;
            boolean matches = isGroup ? allGroups.contains(b.get("group").asText())
                    : b.get("user").asText().equals(userPk);
            if (matches != b.path("negate").asBoolean(false)) {
                passing++;
            }
        }
        if (total == 0 && passing == 0) {
            return Optional.empty();
        }
        return Optional.of(mode.equals("any") ? passing > 0 : passing == total);
    }

    /** The enabled bindings to a policy, which a {@code PolicyProcess} would run. */
    private List<ObjectNode> policyBindings() {
        return bindings.stream().filter(b -> !b.path("policy").isNull() && !b.path("policy").isMissingNode())
                .toList();
    }

    private ApiError notEmulated(String why) {
        String policies = policyBindings().stream().map(b -> "#" + b.path("order").asInt() + " "
                + ctx.store.inPool(Catalog.POLICY, b.get("policy").asText())
                        .map(l -> l.collection().model + " '" + l.object().path("name").asText() + "'")
                        .orElse(b.get("policy").asText()))
                .collect(Collectors.joining(", "));
        return ctx.notEmulated("running policies (authentik/policies/process.py): " + target + " binds " + policies
                + " in mode " + mode + ", " + why);
    }
}
