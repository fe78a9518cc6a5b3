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
        MailConfig mail = SmtpClients.config(settings(Map.of()), NO_BUNDLE);
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
        assertThat(SmtpClients.config(settings(Map.of("tls", "True")), NO_BUNDLE).getStarttls())
                .isEqualTo(StartTLSOptions.REQUIRED);
        MailConfig ssl = SmtpClients.config(settings(Map.of("ssl", "true")), NO_BUNDLE);
        assertThat(ssl.isSsl()).isTrue();
        assertThat(ssl.getStarttls()).isEqualTo(StartTLSOptions.DISABLED);
        assertThat(ssl.isTrustAll()).as("certificates are checked, as Python's default context does").isFalse();
    }

    @Test
    void loginOnlyWithUsernameAndPassword() {
        MailConfig both = SmtpClients.config(settings(Map.of("username", "mailer", "password", "s3cret")),
                NO_BUNDLE);
        assertThat(both.getLogin()).isEqualTo(LoginOption.REQUIRED);
        assertThat(both.getUsername()).isEqualTo("mailer");
        assertThat(SmtpClients.config(settings(Map.of("username", "mailer")), NO_BUNDLE).getLogin())
                .isEqualTo(LoginOption.DISABLED);
    }

    /** django/core/mail/backends/smtp.py passes the timeout to smtplib, which sets it on the socket. */
    @Test
    void theTimeoutBoundsEachSocketOperationAndIsAtLeastASecond() {
        MailConfig three = SmtpClients.config(settings(Map.of("timeout", "3")), NO_BUNDLE);
        assertThat(three.getConnectTimeout()).isEqualTo(3_000);
        assertThat(three.getIdleTimeoutUnit().toMillis(three.getIdleTimeout())).as("each wait for the server")
                .isEqualTo(3_000);
        assertThat(three.getSslHandshakeTimeoutUnit().toMillis(three.getSslHandshakeTimeout())).isEqualTo(3_000);
        assertThat(SmtpClients.config(settings(Map.of("timeout", "0")), NO_BUNDLE).getConnectTimeout())
                .isEqualTo(1_000);
        assertThat(settings(Map.of("timeout", "3")).sendGuard()).as("the whole email: only a guard")
                .isEqualTo(java.time.Duration.ofSeconds(9));
    }

    @Test
    void aCaBundleIsTrustedInsteadOfTheJvmsStore() {
        MailTrust bundle = () -> java.util.Optional.of(java.nio.file.Path.of("/run/secrets/mail-ca.pem"));
        MailConfig mail = SmtpClients.config(settings(Map.of("tls", "true")), bundle);
        assertThat(((io.vertx.core.net.PemTrustOptions) mail.getTrustOptions()).getCertPaths())
                .containsExactly("/run/secrets/mail-ca.pem");
        assertThat(mail.isTrustAll()).isFalse();
        assertThat(SmtpClients.config(settings(Map.of()), NO_BUNDLE).getTrustOptions()).isNull();
    }

    private static final MailTrust NO_BUNDLE = java.util.Optional::empty;

    private static MailSettings settings(Map<String, String> values) {
        return TestMailSettings.of(values);
    }
}
