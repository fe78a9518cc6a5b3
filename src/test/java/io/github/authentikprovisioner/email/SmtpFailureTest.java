package io.github.authentikprovisioner.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;

import io.github.authentikprovisioner.mail.MailSettings;
import io.netty.handler.ssl.NotSslRecordException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.ext.mail.SMTPException;

/** Failures of the Vert.x mail client and Netty, told apart by step, with the reply kept and the password not. */
class SmtpFailureTest {

    private static final MailSettings SETTINGS = io.github.authentikprovisioner.mail.TestMailSettings
            .of(Map.of("username", "mailer", "password", "s3cret-password"));

    @Test
    void networkFailuresAreConnect() {
        assertThat(of(new CompletionException(new ConnectException("Connection refused: /10.0.0.1:25"))))
                .isEqualTo(new SmtpFailure(SmtpStep.CONNECT, "Connection refused: /10.0.0.1:25"));
        assertThat(of(new UnknownHostException("smtp.invalid")).step()).isEqualTo(SmtpStep.CONNECT);
        assertThat(of(new IOException("socket was closed unexpected.")).step()).isEqualTo(SmtpStep.CONNECT);
        assertThat(of(smtp("got error response", 554, "554 no SMTP service here"))).isEqualTo(
                new SmtpFailure(SmtpStep.CONNECT, "got error response: 554 no SMTP service here"));
    }

    @Test
    void aTimeoutIsConnectWithAHintAtUseSsl() {
        SmtpFailure f = of(new io.smallrye.mutiny.TimeoutException());
        assertThat(f.step()).isEqualTo(SmtpStep.CONNECT);
        assertThat(f.reply()).contains("no answer from smtp.example.com:25 within 10 s")
                .contains("AUTHENTIK_EMAIL__USE_SSL=true");
    }

    @Test
    void tlsFailuresAreTls() {
        SSLHandshakeException wrapped = new SSLHandshakeException("Failed to create SSL connection");
        wrapped.initCause(new SSLHandshakeException("PKIX path building failed"));
        assertThat(of(new CompletionException(wrapped)))
                .isEqualTo(new SmtpFailure(SmtpStep.TLS, "Failed to create SSL connection: PKIX path building failed"));
        SSLHandshakeException notTls = new SSLHandshakeException("Failed to create SSL connection");
        notTls.initCause(new NotSslRecordException("not an SSL/TLS record: 3232302068692e0d0a"));
        assertThat(of(notTls).reply()).contains("answered in plain text: 220 hi.");
        assertThat(of(new NoStackTraceThrowable("STARTTLS required but not supported by server")).step())
                .isEqualTo(SmtpStep.TLS);
        SmtpFailure plain = of(new NotSslRecordException("not an SSL/TLS record: 3232302068692e0d0a"));
        assertThat(plain.step()).isEqualTo(SmtpStep.TLS);
        assertThat(plain.reply()).contains("answered in plain text: 220 hi.");
    }

    @Test
    void loginFailuresAreAuthWhicheverCommandDrewThem() {
        assertThat(of(smtp("AUTH PLAIN failed", 535, "535 5.7.8 bad credentials"))).isEqualTo(
                new SmtpFailure(SmtpStep.AUTH, "AUTH PLAIN failed: 535 5.7.8 bad credentials"));
        assertThat(of(smtp("sender address not accepted", 530, "530 5.7.0 Authentication required")).step())
                .isEqualTo(SmtpStep.AUTH);
        assertThat(of(new NoStackTraceThrowable("login is required, but no credentials supplied")).step())
                .isEqualTo(SmtpStep.AUTH);
    }

    @Test
    void refusalsOfSenderRecipientOrMessageAreSend() {
        assertThat(of(smtp("sender address not accepted", 553, "553 sender rejected")).step()).isEqualTo(SmtpStep.SEND);
        assertThat(of(smtp("recipient address not accepted", 550, "550 no such user")).step()).isEqualTo(SmtpStep.SEND);
        assertThat(of(smtp("sending data failed", 554, "554 spam")).step()).isEqualTo(SmtpStep.SEND);
        assertThat(of(new IllegalArgumentException("bad address")).step()).isEqualTo(SmtpStep.SEND);
    }

    @Test
    void thePasswordIsRedactedAndLongRepliesAreCut() {
        assertThat(of(smtp("AUTH LOGIN failed", 535, "535 you said s3cret-password")).reply())
                .doesNotContain("s3cret-password");
        assertThat(of(smtp("sending data failed", 554, "554 " + "x".repeat(5000))).reply())
                .hasSize(SmtpFailure.MAX_REPLY + 1);
    }

    private static SmtpFailure of(Throwable t) {
        return SmtpFailure.of(t, SETTINGS);
    }

    private static SMTPException smtp(String prefix, int code, String reply) {
        return new SMTPException(prefix, code, List.of(reply), false);
    }
}
