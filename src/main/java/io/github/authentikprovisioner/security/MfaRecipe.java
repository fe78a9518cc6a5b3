package io.github.authentikprovisioner.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.authentikprovisioner.recipes.Binding;
import io.github.authentikprovisioner.recipes.FreshInstall;
import io.github.authentikprovisioner.recipes.DesiredFlow;
import io.github.authentikprovisioner.reconcile.Desired;
import io.github.authentikprovisioner.reconcile.Field;
import io.github.authentikprovisioner.reconcile.Ref;

/**
 * Enforced MFA (seed: "MFA"): {@code default-authentication-mfa-validation} accepts the chosen device classes and,
 * when enforced, makes users without a device configure one through the fresh install's setup stage of each class
 * ({@code default-authenticator-totp-setup} for TOTP). authentik validates {@code not_configured_action=configure}
 * only together with {@code configuration_stages} (API-NOTES §6.6); {@code Kind} sends them in one PATCH.
 *
 * <p>The same stage is bound in {@code default-source-enrollment} so that new users set up MFA too, giving the seed's
 * table: 0 prompt, 1 write, 2 MFA validation, 3 login. Not enforced: users skip MFA and the enrollment flow is back
 * to its fresh-install bindings.
 */
public final class MfaRecipe {

    private MfaRecipe() {
    }

    /** The setup stages users are sent through when they have no device yet. */
    public static List<Ref> configurationStages(Mfa spec) {
        return spec.deviceClasses().stream().distinct().map(DeviceClass::setupStage).flatMap(Optional::stream).toList();
    }

    public static String notConfiguredAction(Mfa spec) {
        return spec.enforce() ? "configure" : "skip";
    }

    public static DesiredFlow desired(Mfa spec) {
        Map<String, Field> validation = new LinkedHashMap<>();
        validation.put("device_classes", Field.setOf(spec.deviceClasses().stream().distinct()
                .map(DeviceClass::toString).toList()));
        validation.put("not_configured_action", Field.of(notConfiguredAction(spec)));
        if (spec.enforce()) {
            validation.put("configuration_stages", Field.refs(configurationStages(spec)));
        }
        Desired stage = DesiredFlow.object(FreshInstall.MFA_VALIDATION, validation);

        String flow = FreshInstall.SOURCE_ENROLLMENT_FLOW;
        List<Binding> bindings = spec.enforce()
                ? List.of(Binding.at(flow, 0, FreshInstall.SOURCE_ENROLLMENT_PROMPT),
                        Binding.at(flow, 1, FreshInstall.SOURCE_ENROLLMENT_WRITE),
                        Binding.at(flow, 2, FreshInstall.MFA_VALIDATION),
                        Binding.at(flow, 3, FreshInstall.SOURCE_ENROLLMENT_LOGIN))
                : List.of(Binding.at(flow, 0, FreshInstall.SOURCE_ENROLLMENT_PROMPT),
                        Binding.at(flow, 1, FreshInstall.SOURCE_ENROLLMENT_WRITE),
                        Binding.none(flow, FreshInstall.MFA_VALIDATION),
                        Binding.at(flow, 2, FreshInstall.SOURCE_ENROLLMENT_LOGIN));
        return new DesiredFlow(List.of(stage), bindings, List.of(FreshInstall.MFA_VALIDATION));
    }
}
