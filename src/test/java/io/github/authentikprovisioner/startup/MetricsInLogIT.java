package io.github.authentikprovisioner.startup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The whole test run's log holds no metric registered twice. Both authentik REST clients ({@code AuthentikApi} and
 * {@code KeyProbeApi}) use the config key {@code authentik}; with a Vert.x HTTP client each, Micrometer refused the
 * second one's connection gauge with a warning in every start's log, and its connections went uncounted.
 */
class MetricsInLogIT {

    @Test
    void noMeterIsRegisteredTwice() throws Exception {
        String text = TestLog.read();
        assertThat(text.lines().filter(l -> l.contains("has been already registered")).findFirst())
                .as("Micrometer's warning in " + TestLog.PATH).isEmpty();
    }
}
