package io.github.authentikprovisioner.invitations;

import static io.github.authentikprovisioner.recipes.PlannedObjects.only;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.recipes.FreshInstall;
import io.github.authentikprovisioner.recipes.DesiredFlow;
import io.github.authentikprovisioner.reconcile.Desired;
import io.github.authentikprovisioner.reconcile.Field;
import io.github.authentikprovisioner.reconcile.Ref;

/** The desired state of the invitation-only enrollment recipe, without authentik. */
class InvitationEnrollmentRecipeTest {

    @Test
    void invitationEnrollmentBuildsTheSeedsFlow() {
        DesiredFlow flow = InvitationEnrollmentRecipe.desired(new InvitationEnrollment(null, null), List.of(7, 9));
        assertThat(flow.reportedBindings()).extracting(b -> b.order() + " " + b.stage()).containsExactly(
                "10 enrollment-invitation", "20 default-source-enrollment-prompt", "30 enrollment-invitation-write",
                "40 enrollment-invitation-email", "50 default-source-enrollment-login");
        Desired.Present group = only(flow.objects(), Kind.GROUP);
        assertThat(group.name()).isEqualTo("authentik Users");
        assertThat(group.fields()).containsEntry("is_superuser", Field.of(false))
                .containsEntry("users", Field.includes(List.of(7, 9)));
        assertThat(only(flow.objects(), Kind.USER_WRITE_STAGE).fields())
                .containsEntry("user_creation_mode", Field.of("create_when_required"))
                .containsEntry("create_users_as_inactive", Field.of(false))
                .containsEntry("user_type", Field.of("internal"))
                .containsEntry("create_users_group", Field.ref(Ref.to(Kind.GROUP, "name", "authentik Users")));
        assertThat(only(flow.objects(), Kind.INVITATION_STAGE).fields())
                .containsEntry("continue_flow_without_invitation", Field.of(false));
        assertThat(only(flow.objects(), Kind.EMAIL_STAGE).fields())
                .containsEntry("subject", Field.of("Account Confirmation"))
                .containsEntry("template", Field.of("email/account_confirmation.html"));
        assertThat(only(flow.objects(), Kind.FLOW).fields()).containsEntry("designation", Field.of("enrollment"))
                .containsEntry("compatibility_mode", Field.of(true))
                .containsEntry("name", Field.of("Enrollment Invitation"));
        Desired.Present prompt = only(flow.objects(), Kind.PROMPT_STAGE);
        assertThat(prompt.fields()).as("the password policy on it is kept").containsOnlyKeys("fields");
        assertThat(((Field.RefSet) prompt.fields().get("fields")).refs()).extracting(FreshInstall::nameOf)
                .containsExactly("default-user-settings-field-username", "default-user-settings-field-name",
                        "default-user-settings-field-email", "initial-setup-field-password",
                        "initial-setup-field-password-repeat");
    }
    @Test
    void existingUsersAreOnlyAddedWhenAsked() {
        DesiredFlow flow = InvitationEnrollmentRecipe.desired(new InvitationEnrollment("Family", false), List.of(7));
        assertThat(only(flow.objects(), Kind.GROUP).fields()).containsOnlyKeys("is_superuser");
        assertThat(only(InvitationEnrollmentRecipe.desired(new InvitationEnrollment("Family", true), List.of())
                .objects(), Kind.GROUP).fields()).containsOnlyKeys("is_superuser");
    }
}
