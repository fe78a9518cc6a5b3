package io.github.authentikprovisioner.invitations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** application.properties hands authentik's AUTHENTIK_EMAIL__* variables to the Quarkus mailer as authentik reads them. */
class MailConfigTest {

    @Test
    void unsetMeansNotConfiguredAndPlainSmtpOnPort25() throws IOException {
        SmallRyeConfig config = config(Map.of());
        assertThat(config.getOptionalValue("authentik.email.host", String.class)).isEmpty();
        assertThat(config.getValue("quarkus.mailer.port", Integer.class)).isEqualTo(25);
        assertThat(config.getValue("quarkus.mailer.tls", Boolean.class)).isFalse();
        assertThat(config.getValue("quarkus.mailer.start-tls", String.class)).isEqualTo("DISABLED");
        assertThat(config.getValue("quarkus.mailer.from", String.class)).isEqualTo("authentik@localhost");
        assertThat(config.getOptionalValue("quarkus.mailer.password", String.class)).isEmpty();
        assertThat(config.getValue("quarkus.mailer.mock", Boolean.class)).isFalse();
    }

    @Test
    void authentiksVariablesReachTheMailer() throws IOException {
        SmallRyeConfig config = config(Map.of("AUTHENTIK_EMAIL__HOST", "smtp.example.com",
                "AUTHENTIK_EMAIL__PORT", "587", "AUTHENTIK_EMAIL__USERNAME", "mailer",
                "AUTHENTIK_EMAIL__PASSWORD", "s3cret", "AUTHENTIK_EMAIL__USE_TLS", "True",
                "AUTHENTIK_EMAIL__FROM", "auth@example.com"));
        assertThat(config.getValue("authentik.email.host", String.class)).isEqualTo("smtp.example.com");
        assertThat(config.getValue("quarkus.mailer.host", String.class)).isEqualTo("smtp.example.com");
        assertThat(config.getValue("quarkus.mailer.port", Integer.class)).isEqualTo(587);
        assertThat(config.getValue("quarkus.mailer.username", String.class)).isEqualTo("mailer");
        assertThat(config.getValue("quarkus.mailer.password", String.class)).isEqualTo("s3cret");
        assertThat(config.getValue("quarkus.mailer.start-tls", String.class)).isEqualTo("REQUIRED");
        assertThat(config.getValue("quarkus.mailer.tls", Boolean.class)).isFalse();
        assertThat(config.getValue("quarkus.mailer.from", String.class)).isEqualTo("auth@example.com");
    }

    @Test
    void useSslIsTlsFromTheStartAndOtherWordsAreFalseAsInAuthentik() throws IOException {
        SmallRyeConfig config = config(Map.of("AUTHENTIK_EMAIL__USE_SSL", "true", "AUTHENTIK_EMAIL__USE_TLS", "yes"));
        assertThat(config.getValue("quarkus.mailer.tls", Boolean.class)).isTrue();
        assertThat(config.getValue("quarkus.mailer.start-tls", String.class)).isEqualTo("DISABLED");
    }

    private static SmallRyeConfig config(Map<String, String> environment) throws IOException {
        URL properties = MailConfigTest.class.getClassLoader().getResource("application.properties");
        return new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(properties, 250))
                .withSources(new PropertiesConfigSource(environment, "environment", 300))
                .build();
    }
}
