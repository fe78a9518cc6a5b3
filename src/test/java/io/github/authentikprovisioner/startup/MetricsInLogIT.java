package io.github.authentikprovisioner.startup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The whole test run's log holds none of Micrometer's warnings about what this service registers: a meter registered
 * twice (both authentik REST clients, {@code AuthentikApi} and {@code KeyProbeApi}, use the config key
 * {@code authentik}; with a Vert.x HTTP client each, the second one's connection gauge was refused and its connections
 * went uncounted), or more URI tags than Micrometer keeps (the emulator's paths, one per object, when they counted).
 */
class MetricsInLogIT {

    @Test
    void micrometerWarnsAboutNothingThisServiceRegisters() throws Exception {
        String text = TestLog.read();
        assertThat(text.lines().filter(l -> l.contains("has been already registered")
                || l.contains("Reached the maximum number")).findFirst()).as("Micrometer's warning in " + TestLog.PATH)
                .isEmpty();
    }
}
