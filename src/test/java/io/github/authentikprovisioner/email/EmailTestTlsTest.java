package io.github.authentikprovisioner.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.github.authentikprovisioner.ApiTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * {@code POST /email/test} with {@code AUTHENTIK_EMAIL__USE_SSL=true}: TLS from the first byte against a plain SMTP
 * port, and against an SMTPS port whose certificate nobody trusts. Both fail at step tls.
 */
@QuarkusTest
@TestProfile(EmailTestTlsTest.Ssl.class)
class EmailTestTlsTest extends ApiTestSupport {

    static final int SMTP_PORT = EmailTestResourceTest.freePort();

    /** TLS from the first byte, no login, pointing at the free port. */
    public static class Ssl implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("AUTHENTIK_EMAIL__HOST", "127.0.0.1", "AUTHENTIK_EMAIL__PORT", String.valueOf(SMTP_PORT),
                    "AUTHENTIK_EMAIL__USE_SSL", "true", "AUTHENTIK_EMAIL__TIMEOUT", "5");
        }
    }

    private GreenMail smtp;

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    @Test
    void tlsAgainstAPlainSmtpPortFailsAtTlsShowingThePlainGreeting() {
        smtp = start(ServerSetup.PROTOCOL_SMTP);
        EmailTestResourceTest.test("someone@example.com").then().statusCode(200).body("delivered", equalTo(false))
                .body("tls", equalTo("ssl")).body("username", nullValue()).body("step", equalTo("tls"))
                .body("serverReply", containsString("answered in plain text: 220"))
                .body("serverReply", containsString("AUTHENTIK_EMAIL__USE_TLS=true"));
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void anUntrustedCertificateFailsAtTlsAsInAuthentik() {
        smtp = start(ServerSetup.PROTOCOL_SMTPS); // GreenMail's own self-signed certificate
        EmailTestResourceTest.test("someone@example.com").then().statusCode(200).body("delivered", equalTo(false))
                .body("step", equalTo("tls")).body("serverReply", containsString("certification path"));
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    private static GreenMail start(String protocol) {
        GreenMail mail = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", protocol));
        mail.start();
        return mail;
    }
}
