package io.github.authentikprovisioner.invitations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.reconcile.Desired;
import io.github.authentikprovisioner.reconcile.Field;

/** The desired state of one invitation, without authentik. */
class InvitationRecipeTest {

    @Test
    void invitationPrefillsTheRecipientsEmailUnlessFixedDataSetsOne() {
        Invitation plain = new Invitation(null, "alice@example.com", null, null, null);
        assertThat(plain.expiresIn()).isEqualTo(Invitation.DEFAULT_EXPIRY);
        assertThat(plain.singleUse()).isTrue();
        assertThat(plain.prefill()).isEqualTo(Map.of("email", "alice@example.com"));
        Invitation own = new Invitation(null, "alice@example.com", null, false,
                Map.of("email", "other@example.com", "name", "Alice"));
        assertThat(own.prefill()).isEqualTo(Map.of("email", "other@example.com", "name", "Alice"));
        assertThat(new Invitation(null, null, null, null, null).prefill()).isEmpty();
    }

    @Test
    void invitationIsTiedToTheEnrollmentFlowWithItsExpiry() {
        Invitation spec = new Invitation("for-alice", null, null, true, Map.of("name", "Alice"));
        Desired.Present invitation = (Desired.Present) InvitationRecipe.desired(spec, "for-alice",
                java.time.Instant.parse("2030-01-01T00:00:00Z")).getFirst();
        assertThat(invitation.kind()).isEqualTo(Kind.INVITATION);
        assertThat(invitation.fields()).containsEntry("flow", Field.ref(InvitationEnrollmentRecipe.FLOW))
                .containsEntry("expires", Field.of("2030-01-01T00:00:00Z")).containsEntry("single_use", Field.of(true))
                .containsEntry("fixed_data", Field.of(Map.of("name", "Alice")));
        assertThat(InvitationRecipe.link("https://auth.example.com", "enrollment-invitation", "abc"))
                .isEqualTo("https://auth.example.com/if/flow/enrollment-invitation/?itoken=abc");
    }
}
