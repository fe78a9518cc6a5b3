package io.github.authentikprovisioner.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.StartTLSOptions;

/** The Vert.x client is set up as Django's SMTP backend connects for authentik. */
class SmtpClientsTest {

    @Test
    void plainSmtpWithoutLogin() {
        MailConfig mail = SmtpClients.config(settings(Map.of()));
        assertThat(mail.getHostname()).isEqualTo("smtp.example.com");
        assertThat(mail.getPort()).isEqualTo(25);
        assertThat(mail.isSsl()).isFalse();
        assertThat(mail.getStarttls()).as("never STARTTLS unless USE_TLS, even when offered")
                .isEqualTo(StartTLSOptions.DISABLED);
        assertThat(mail.getLogin()).isEqualTo(LoginOption.DISABLED);
        assertThat(mail.isKeepAlive()).isFalse();
        assertThat(mail.getConnectTimeout()).isEqualTo(10_000);
    }

    @Test
    void useTlsRequiresStartTlsAndUseSslIsTlsFromTheStart() {
        assertThat(SmtpClients.config(settings(Map.of("tls", "True"))).getStarttls())
                .isEqualTo(StartTLSOptions.REQUIRED);
        MailConfig ssl = SmtpClients.config(settings(Map.of("ssl", "true")));
        assertThat(ssl.isSsl()).isTrue();
        assertThat(ssl.getStarttls()).isEqualTo(StartTLSOptions.DISABLED);
        assertThat(ssl.isTrustAll()).as("certificates are checked, as Python's default context does").isFalse();
    }

    @Test
    void loginOnlyWithUsernameAndPassword() {
        MailConfig both = SmtpClients.config(settings(Map.of("username", "mailer", "password", "s3cret")));
        assertThat(both.getLogin()).isEqualTo(LoginOption.REQUIRED);
        assertThat(both.getUsername()).isEqualTo("mailer");
        assertThat(SmtpClients.config(settings(Map.of("username", "mailer"))).getLogin())
                .isEqualTo(LoginOption.DISABLED);
    }

    @Test
    void theTimeoutBoundsTheConnectAndIsAtLeastASecond() {
        assertThat(SmtpClients.config(settings(Map.of("timeout", "3"))).getConnectTimeout()).isEqualTo(3_000);
        assertThat(SmtpClients.config(settings(Map.of("timeout", "0"))).getConnectTimeout()).isEqualTo(1_000);
    }

    private static MailSettings settings(Map<String, String> values) {
        return TestMailSettings.of(values);
    }
}
