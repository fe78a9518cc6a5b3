package io.github.authentikprovisioner.invitations;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.api.AuthentikCalls;
import io.github.authentikprovisioner.reconcile.Conflict;
import io.github.authentikprovisioner.authentik.AuthentikSession;
import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.recipes.FreshInstall;
import io.github.authentikprovisioner.recipes.Recipe;
import io.github.authentikprovisioner.recipes.DesiredFlow;
import io.github.authentikprovisioner.recipes.Superusers;
import io.github.authentikprovisioner.reconcile.Outcome;
import io.github.authentikprovisioner.reconcile.Reconciler;

/**
 * Runs the invitation-only enrollment recipe: reads the group and, when asked, the normal users who join it, then the
 * plan of {@link InvitationEnrollmentRecipe} through the engine.
 */
@ApplicationScoped
class InvitationEnrollmentService implements Recipe<InvitationEnrollment, InvitationEnrollmentResult> {

    private final Reconciler reconciler;

    InvitationEnrollmentService(Reconciler reconciler) {
        this.reconciler = reconciler;
    }

    @Override
    public String name() {
        return "invitationEnrollment";
    }

    @Override
    public Class<InvitationEnrollment> specType() {
        return InvitationEnrollment.class;
    }

    @Override
    public java.util.Set<Kind> reads(InvitationEnrollment spec) {
        return java.util.Set.of(Kind.GROUP, Kind.FLOW, Kind.FLOW_STAGE_BINDING, Kind.EMAIL_STAGE, Kind.USER_WRITE_STAGE,
                Kind.USER_LOGIN_STAGE, Kind.PROMPT_STAGE, Kind.PROMPT, Kind.INVITATION_STAGE, Kind.USER);
    }

    @Override
    public InvitationEnrollmentResult run(AuthentikSession session, InvitationEnrollment spec, boolean dryRun) {
        session.prefetch(reads(spec));
        Optional<ObjectNode> group = session.find(Kind.GROUP, Map.of("name", spec.group()));
        // the group's own flag is not enough: a child of a superuser group makes its members superusers too
        Superusers superusers = Superusers.of(session.list(Kind.GROUP, Map.of()));
        group.flatMap(superusers::why).ifPresent(why -> {
            throw Conflict.of("group '" + spec.group() + "' " + why + "; invited users must not become "
                    + "administrators, choose another group. Nothing was written");
        });
        List<ObjectNode> joining = spec.addExistingUsers()
                ? InvitationEnrollmentRecipe.normalUsers(session.list(Kind.USER, Map.of("type", "internal")),
                        superusers)
                : List.of();
        DesiredFlow flow = InvitationEnrollmentRecipe.desired(spec,
                joining.stream().map(u -> u.get("pk").asInt()).toList());
        Outcome outcome = reconciler.run(session, flow.desired(), dryRun);
        return new InvitationEnrollmentResult(outcome.status(), outcome.changes(), AuthentikCalls.of(session),
                InvitationEnrollmentRecipe.FLOW_SLUG, spec.group(), InvitationEnrollmentRecipe.newMembers(group, joining),
                FreshInstall.ENROLLMENT_PROMPTS.stream().map(FreshInstall::nameOf).toList(), flow.reportedBindings());
    }
}
