package io.github.authentikprovisioner.mail;

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

    @Test
    void authentikLogsInOnlyWithAUsernameAndAPassword() throws IOException {
        assertThat(config(Map.of("AUTHENTIK_EMAIL__USERNAME", "mailer")).login()).as("no password").isFalse();
        assertThat(config(Map.of("AUTHENTIK_EMAIL__PASSWORD", "s3cret")).login()).as("no username").isFalse();
        assertThat(config(Map.of("AUTHENTIK_EMAIL__USERNAME", "mailer", "AUTHENTIK_EMAIL__PASSWORD", "s3cret"))
                .login()).isTrue();
    }

    @Test
    void onlyTheWordTrueIsTrueWithoutTrimmingAsAuthentiksGetBool() {
        assertThat(MailSettings.isTrue("TRUE")).isTrue();
        assertThat(MailSettings.isTrue(" true")).isFalse();
        assertThat(MailSettings.isTrue("1")).isFalse();
        assertThat(MailSettings.isTrue(null)).isFalse();
    }

    @Test
    void theTlsModeNamesHowTheConnectionIsSecured() throws IOException {
        assertThat(config(Map.of()).tlsMode()).isEqualTo(TlsMode.NONE);
        assertThat(config(Map.of("AUTHENTIK_EMAIL__USE_TLS", "true")).tlsMode()).isEqualTo(TlsMode.STARTTLS);
        assertThat(config(Map.of("AUTHENTIK_EMAIL__USE_SSL", "true")).tlsMode()).isEqualTo(TlsMode.SSL);
        assertThat(TlsMode.STARTTLS).hasToString("starttls");
    }

    @Test
    void problemsNameTheVariableToFix() throws IOException {
        assertThat(config(Map.of()).problems()).extracting(MailSettings.Invalid::variable)
                .containsExactly("AUTHENTIK_EMAIL__HOST");
        assertThat(config(Map.of("AUTHENTIK_EMAIL__HOST", "smtp.example.com")).problems()).isEmpty();
        assertThat(config(Map.of("AUTHENTIK_EMAIL__HOST", "smtp.example.com", "AUTHENTIK_EMAIL__USE_TLS", "true",
                "AUTHENTIK_EMAIL__USE_SSL", "true")).problems()).extracting(MailSettings.Invalid::variable)
                .containsExactly("AUTHENTIK_EMAIL__USE_TLS", "AUTHENTIK_EMAIL__USE_SSL");
    }

    @Test
    void redactRemovesThePasswordInClearAndAsAuthSendsIt() throws IOException {
        MailSettings mail = config(Map.of("AUTHENTIK_EMAIL__USERNAME", "mailer", "AUTHENTIK_EMAIL__PASSWORD",
                "s3cret-pw"));
        String plain = java.util.Base64.getEncoder().encodeToString("\0mailer\0s3cret-pw".getBytes());
        String login = java.util.Base64.getEncoder().encodeToString("s3cret-pw".getBytes());
        assertThat(mail.redact("500 unknown: s3cret-pw, AUTH PLAIN " + plain + ", " + login))
                .doesNotContain("s3cret-pw").doesNotContain(plain).doesNotContain(login).contains("********");
        assertThat(mail.redact(null)).isNull();
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
