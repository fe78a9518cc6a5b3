package io.github.authentikprovisioner.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.recipes.Binding;
import io.github.authentikprovisioner.recipes.Defaults;
import io.github.authentikprovisioner.recipes.FreshInstall;
import io.github.authentikprovisioner.recipes.DesiredFlow;
import io.github.authentikprovisioner.reconcile.Desired;
import io.github.authentikprovisioner.reconcile.Field;
import io.github.authentikprovisioner.reconcile.Ref;

/**
 * Self-service recovery (seed: "Recovery"): an identification stage asking for username or email, an email stage
 * sending the recovery link (through authentik's global {@code AUTHENTIK_EMAIL__*} settings), the flow
 * {@code recovery} binding them before the fresh install's password change prompt and write stages, and that flow
 * offered on the login page ({@code default-authentication-identification}) and set on the default brand, which the
 * recovery API needs (API-NOTES §5.1, §11.3).
 */
public final class RecoveryRecipe {

    public static final String FLOW_SLUG = "recovery";
    public static final Ref FLOW = Defaults.flow(FLOW_SLUG);
    static final Ref IDENTIFICATION = Ref.to(Kind.IDENTIFICATION_STAGE, "name", "recovery-authentication-identification");
    static final Ref EMAIL = Ref.to(Kind.EMAIL_STAGE, "name", "recovery-email");

    private RecoveryRecipe() {
    }

    public static DesiredFlow desired(Recovery spec) {
        Map<String, Field> identification = Map.of("user_fields", Field.setOf(List.of("username", "email")));

        Map<String, Field> email = new LinkedHashMap<>();
        email.put("use_global_settings", Field.of(true));
        email.put("subject", Field.of(spec.emailSubject()));
        email.put("template", Field.of("email/password_reset.html"));

        Map<String, Field> flow = new LinkedHashMap<>();
        flow.put("name", Field.of("Recovery"));
        flow.put("title", Field.of("Recovery"));
        flow.put("designation", Field.of("recovery"));

        List<Desired> objects = List.of(
                DesiredFlow.object(IDENTIFICATION, identification),
                DesiredFlow.object(EMAIL, email),
                DesiredFlow.object(FLOW, flow),
                DesiredFlow.object(FreshInstall.IDENTIFICATION, Map.of("recovery_flow", Field.ref(FLOW))),
                DesiredFlow.object(FreshInstall.BRAND, Map.of("flow_recovery", Field.ref(FLOW))));
        List<Binding> bindings = List.of(
                Binding.at(FLOW_SLUG, 10, IDENTIFICATION),
                Binding.at(FLOW_SLUG, 20, EMAIL),
                Binding.at(FLOW_SLUG, 30, FreshInstall.PASSWORD_CHANGE_PROMPT),
                Binding.at(FLOW_SLUG, 40, FreshInstall.PASSWORD_CHANGE_WRITE));
        return new DesiredFlow(objects, bindings, List.of(FreshInstall.IDENTIFICATION, FreshInstall.BRAND));
    }
}
