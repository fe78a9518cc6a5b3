package io.github.authentikprovisioner.invitations;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.recipes.Binding;
import io.github.authentikprovisioner.recipes.Defaults;
import io.github.authentikprovisioner.recipes.FreshInstall;
import io.github.authentikprovisioner.recipes.DesiredFlow;
import io.github.authentikprovisioner.recipes.Superusers;
import io.github.authentikprovisioner.reconcile.Desired;
import io.github.authentikprovisioner.reconcile.Field;
import io.github.authentikprovisioner.reconcile.Ref;

/**
 * Invitation-only enrollment (seed: "Invitations"): a non-superuser group, a user write stage creating active internal
 * users in it, an invitation stage that stops the flow without a valid invitation, an account confirmation email
 * stage, and the flow {@code enrollment-invitation} binding them around the fresh install's enrollment prompt and
 * login stages. The enrollment prompt asks for the seed's five fields; its validation policies (the password policy)
 * are left as they are.
 *
 * <p>Existing users join the group through "contains" on the group's member list, so members added by anyone else
 * stay.
 */
public final class InvitationEnrollmentRecipe {

    public static final String FLOW_SLUG = "enrollment-invitation";
    public static final Ref FLOW = Defaults.flow(FLOW_SLUG);
    static final Ref WRITE = Ref.to(Kind.USER_WRITE_STAGE, "name", "enrollment-invitation-write");
    static final Ref INVITATION = Ref.to(Kind.INVITATION_STAGE, "name", "enrollment-invitation");
    static final Ref EMAIL = Ref.to(Kind.EMAIL_STAGE, "name", "enrollment-invitation-email");

    private InvitationEnrollmentRecipe() {
    }

    public static Ref group(InvitationEnrollment spec) {
        return Ref.to(Kind.GROUP, "name", spec.group());
    }

    /**
     * @param existingUsers pks of the users to add to the group (internal, not superusers); only used when
     *        {@code addExistingUsers} is set
     */
    public static DesiredFlow desired(InvitationEnrollment spec, List<Integer> existingUsers) {
        Map<String, Field> group = new LinkedHashMap<>();
        group.put("is_superuser", Field.of(false));
        if (spec.addExistingUsers() && !existingUsers.isEmpty()) {
            group.put("users", Field.includes(existingUsers));
        }

        Map<String, Field> write = new LinkedHashMap<>();
        write.put("user_creation_mode", Field.of("create_when_required"));
        write.put("create_users_as_inactive", Field.of(false));
        write.put("user_type", Field.of("internal"));
        write.put("create_users_group", Field.ref(group(spec)));

        Map<String, Field> email = new LinkedHashMap<>();
        email.put("use_global_settings", Field.of(true));
        email.put("subject", Field.of("Account Confirmation"));
        email.put("template", Field.of("email/account_confirmation.html"));

        Map<String, Field> flow = new LinkedHashMap<>();
        flow.put("name", Field.of("Enrollment Invitation"));
        flow.put("title", Field.of("Enrollment Invitation"));
        flow.put("designation", Field.of("enrollment"));
        flow.put("compatibility_mode", Field.of(true));

        List<Desired> objects = List.of(
                DesiredFlow.object(group(spec), group),
                DesiredFlow.object(WRITE, write),
                DesiredFlow.object(INVITATION, Map.of("continue_flow_without_invitation", Field.of(false))),
                DesiredFlow.object(EMAIL, email),
                DesiredFlow.object(FLOW, flow),
                DesiredFlow.object(FreshInstall.SOURCE_ENROLLMENT_PROMPT,
                        Map.of("fields", Field.refs(FreshInstall.ENROLLMENT_PROMPTS))));
        List<Binding> bindings = List.of(
                Binding.at(FLOW_SLUG, 10, INVITATION),
                Binding.at(FLOW_SLUG, 20, FreshInstall.SOURCE_ENROLLMENT_PROMPT),
                Binding.at(FLOW_SLUG, 30, WRITE),
                Binding.at(FLOW_SLUG, 40, EMAIL),
                Binding.at(FLOW_SLUG, 50, FreshInstall.SOURCE_ENROLLMENT_LOGIN));
        return new DesiredFlow(objects, bindings, List.of(FreshInstall.SOURCE_ENROLLMENT_PROMPT));
    }

    /**
     * Internal users who are not superusers, through any of their groups or those groups' ancestors: the seed's
     * "currently existing normal user accounts".
     */
    public static List<ObjectNode> normalUsers(List<ObjectNode> users, Superusers superusers) {
        return users.stream()
                .filter(u -> "internal".equals(u.path("type").asText()) && !superusers.isSuperuser(u))
                .toList();
    }

    /** Usernames of {@code joining} that are not yet members of {@code group} (all of them when it is new). */
    public static List<String> newMembers(Optional<ObjectNode> group, List<ObjectNode> joining) {
        Set<String> members = new HashSet<>();
        group.map(g -> g.get("users")).ifPresent(users -> users.forEach(pk -> members.add(pk.asText())));
        return joining.stream().filter(u -> !members.contains(u.get("pk").asText()))
                .map(u -> u.get("username").asText()).toList();
    }
}
