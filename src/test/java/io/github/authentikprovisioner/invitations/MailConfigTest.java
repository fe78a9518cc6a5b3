package io.github.authentikprovisioner.invitations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** application.properties reads authentik's AUTHENTIK_EMAIL__* variables as authentik reads them. */
class MailConfigTest {

    @Test
    void unsetMeansNotConfiguredAndPlainSmtpOnPort25() throws IOException {
        MailSettings mail = config(Map.of());
        assertThat(mail.configured()).isFalse();
        assertThat(mail.port()).isEqualTo(25);
        assertThat(mail.ssl()).isFalse();
        assertThat(mail.startTls()).isFalse();
        assertThat(mail.from()).isEqualTo("authentik@localhost");
        assertThat(mail.password().filter(p -> !p.isEmpty())).isEmpty();
    }

    @Test
    void authentiksVariablesReachTheMailSettings() throws IOException {
        MailSettings mail = config(Map.of("AUTHENTIK_EMAIL__HOST", "smtp.example.com",
                "AUTHENTIK_EMAIL__PORT", "587", "AUTHENTIK_EMAIL__USERNAME", "mailer",
                "AUTHENTIK_EMAIL__PASSWORD", "s3cret", "AUTHENTIK_EMAIL__USE_TLS", "True",
                "AUTHENTIK_EMAIL__FROM", "auth@example.com"));
        assertThat(mail.configured()).isTrue();
        assertThat(mail.host()).hasValue("smtp.example.com");
        assertThat(mail.port()).isEqualTo(587);
        assertThat(mail.username()).hasValue("mailer");
        assertThat(mail.password()).hasValue("s3cret");
        assertThat(mail.startTls()).isTrue();
        assertThat(mail.ssl()).isFalse();
        assertThat(mail.from()).isEqualTo("auth@example.com");
    }

    @Test
    void useSslIsTlsFromTheStartAndOtherWordsAreFalseAsInAuthentik() throws IOException {
        MailSettings mail = config(Map.of("AUTHENTIK_EMAIL__USE_SSL", "true", "AUTHENTIK_EMAIL__USE_TLS", "yes"));
        assertThat(mail.ssl()).isTrue();
        assertThat(mail.startTls()).isFalse();
    }

    private static MailSettings config(Map<String, String> environment) throws IOException {
        URL properties = MailConfigTest.class.getClassLoader().getResource("application.properties");
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(properties, 250))
                .withSources(new PropertiesConfigSource(environment, "environment", 300))
                .withMapping(MailSettings.class)
                .build();
        return config.getConfigMapping(MailSettings.class);
    }
}
