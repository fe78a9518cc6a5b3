package io.github.authentikprovisioner.protectedapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.github.authentikprovisioner.ApiTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With PROVISIONER_SELF_PUBLIC_URL set the service puts its own UI behind authentik, as soon as authentik answers. */
@QuarkusTest
@TestProfile(SelfProtectionTest.Deployed.class)
class SelfProtectionTest extends ApiTestSupport {

    public static class Deployed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("provisioner.self.public-url", "https://provisioner.example.com/");
        }
    }

    @Inject
    SelfProtection self;

    @Test
    void anAttemptWhileAuthentikIsDownFailsQuietlyAndTheNextOneProtectsTheServiceOnce() throws Exception {
        emulator.faults().down(true);
        self.ensureIfDue();
        assertThat(emulator.list("/core/applications/?superuser_full_list=true")).isEmpty();

        emulator.faults().down(false);
        clock.advance(java.time.Duration.ofMillis(2100)); // the first retry is due 2 s after the failure
        self.ensureIfDue();
        var app = emulator.get("/core/applications/authentik-provisioner/");
        assertThat(app.get("meta_publisher").asText()).isEqualTo("authentik-provisioner");
        assertThat(emulator.list("/providers/proxy/").getFirst().get("external_host").asText())
                .isEqualTo("https://provisioner.example.com");
        assertThat(emulator.list("/policies/bindings/?target=" + app.get("pk").asText()).getFirst().get("group_obj")
                .get("name").asText()).isEqualTo("authentik Admins");

        emulator.calls().clear();
        self.ensureIfDue();
        assertThat(emulator.calls().all()).as("done: not due again for an hour").isEmpty();
    }
}
