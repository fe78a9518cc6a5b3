package io.github.authentikprovisioner.invitations;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.recipes.DesiredFlow;
import io.github.authentikprovisioner.reconcile.Desired;
import io.github.authentikprovisioner.reconcile.Field;
import io.github.authentikprovisioner.reconcile.Ref;

/**
 * One invitation to {@code enrollment-invitation} (seed: "Invitations", last step): keyed by its unique name, valid
 * until {@code expires}, single use as asked. Not a desired-state recipe: each {@code POST /invitations} makes a new
 * one under a new name.
 */
public final class InvitationRecipe {

    private InvitationRecipe() {
    }

    public static Ref invitation(String name) {
        return Ref.to(Kind.INVITATION, "name", name);
    }

    public static List<Desired> desired(Invitation spec, String name, Instant expires) {
        Map<String, Field> fields = new LinkedHashMap<>();
        fields.put("flow", Field.ref(InvitationEnrollmentRecipe.FLOW));
        fields.put("expires", Field.of(expires.toString()));
        fields.put("single_use", Field.of(spec.singleUse()));
        fields.put("fixed_data", Field.of(spec.prefill()));
        // names are not unique upstream (stages/invitation/models.py): a taken name is our rule, checked by the
        // engine under its lock of the name, so no other request creates it between the check and the write
        return List.of(DesiredFlow.object(invitation(name), fields)
                .mustBeNew("choose another name or leave it out to have one generated"));
    }

    /** The link users follow, as authentik's admin UI builds it (API-NOTES §9). */
    public static String link(String publicUrl, String flowSlug, String invitationPk) {
        return publicUrl + "/if/flow/" + flowSlug + "/?itoken=" + invitationPk;
    }
}
