package io.github.authentikprovisioner.login;

import static io.github.authentikprovisioner.recipes.PlannedObjects.only;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.recipes.FreshInstall;
import io.github.authentikprovisioner.recipes.DesiredFlow;
import io.github.authentikprovisioner.recipes.StageBinding;
import io.github.authentikprovisioner.reconcile.Desired;
import io.github.authentikprovisioner.reconcile.Field;

/** The desired state of the login recipe, without authentik. */
class LoginRecipeTest {

    @Test
    void singlePageLoginSetsThePasswordStageAndUnbindsIt() {
        DesiredFlow flow = LoginRecipe.desired(new Login(true, true));
        Desired.Present stage = only(flow.objects(), Kind.IDENTIFICATION_STAGE);
        assertThat(stage.name()).isEqualTo("default-authentication-identification");
        assertThat(stage.fields()).containsEntry("password_stage", Field.ref(FreshInstall.PASSWORD))
                .containsEntry("enable_remember_me", Field.of(true)).doesNotContainKey("user_fields");
        assertThat(flow.reportedBindings()).containsExactly(
                new StageBinding("default-authentication-flow", null, "default-authentication-password", false));
        assertThat(flow.desired().getLast()).isInstanceOf(Desired.Absent.class);
        assertThat(flow.changedDefaults()).containsExactly(FreshInstall.IDENTIFICATION);
    }
    @Test
    void twoPageLoginRestoresTheBindingAtItsFreshInstallOrder() {
        DesiredFlow flow = LoginRecipe.desired(new Login(false, null));
        assertThat(only(flow.objects(), Kind.IDENTIFICATION_STAGE).fields())
                .containsEntry("password_stage", Field.of(null)).containsEntry("enable_remember_me", Field.of(false));
        assertThat(flow.reportedBindings()).containsExactly(
                new StageBinding("default-authentication-flow", 20, "default-authentication-password", true));
    }
    @Test
    void loginDefaultsToOnePageWithoutRememberMe() {
        Login login = new Login(null, null);
        assertThat(login.passwordOnIdentificationPage()).isTrue();
        assertThat(login.rememberMe()).isFalse();
    }
}
