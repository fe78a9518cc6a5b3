package io.github.authentikprovisioner.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import io.github.authentikprovisioner.ApiTestSupport;
import io.github.authentikprovisioner.LogCapture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * {@code POST /email/test} against real SMTP conversations: GreenMail (in this JVM) and a scripted server, on a free
 * port, with a login configured as authentik would have it. Each test starts the server it needs; no server at all
 * is the closed port. See {@link EmailTestTlsTest} for TLS mismatches and {@link EmailTestUnconfiguredTest} for
 * settings that cannot send.
 */
@QuarkusTest
@TestProfile(EmailTestResourceTest.Login.class)
class EmailTestResourceTest extends ApiTestSupport {

    static final int SMTP_PORT = freePort();
    static final String PASSWORD = "smtp-password-not-a-secret";

    /** The AUTHENTIK_EMAIL__* settings authentik would get: plain SMTP with a login, pointing at the free port. */
    public static class Login implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("AUTHENTIK_EMAIL__HOST", "127.0.0.1", "AUTHENTIK_EMAIL__PORT", String.valueOf(SMTP_PORT),
                    "AUTHENTIK_EMAIL__USERNAME", "mailer", "AUTHENTIK_EMAIL__PASSWORD", PASSWORD,
                    "AUTHENTIK_EMAIL__FROM", "authentik@example.com", "AUTHENTIK_EMAIL__TIMEOUT", "5");
        }
    }

    private GreenMail smtp;

    @AfterEach
    void stopSmtp() {
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void theTestEmailIsDeliveredWithTheLoginAndReportsHowItWent() throws Exception {
        smtp = greenMail(PASSWORD);
        Response r = test("someone@example.com");
        r.then().statusCode(200).contentType("application/json")
                .body("delivered", equalTo(true)).body("to", equalTo("someone@example.com"))
                .body("from", equalTo("authentik@example.com")).body("host", equalTo("127.0.0.1"))
                .body("port", equalTo(SMTP_PORT)).body("tls", equalTo("none")).body("username", equalTo("mailer"))
                .body("$", not(org.hamcrest.Matchers.hasKey("step")))
                .body("$", not(org.hamcrest.Matchers.hasKey("serverReply")))
                .body("messageId", notNullValue()).body("milliseconds", greaterThanOrEqualTo(0));

        assertThat(smtp.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("authentik-provisioner: test email");
        assertThat(mail.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
                .containsExactly("someone@example.com");
        assertThat(mail.getFrom()).extracting(Object::toString).containsExactly("authentik@example.com");
        assertThat(GreenMailUtil.getBody(mail)).contains("127.0.0.1:" + SMTP_PORT).contains("no TLS")
                .contains("logged in as mailer").doesNotContain(PASSWORD);
        assertThat(r.asString()).doesNotContain(PASSWORD);
        assertThat(emulator.calls().all()).as("authentik calls").isEmpty();
    }

    @Test
    void aSecondTestSendsASecondEmail() {
        smtp = greenMail(PASSWORD);
        test("someone@example.com").then().statusCode(200).body("delivered", equalTo(true));
        test("someone@example.com").then().statusCode(200).body("delivered", equalTo(true));
        assertThat(smtp.waitForIncomingEmail(5_000, 2)).as("an action, not desired state: each call sends").isTrue();
    }

    @Test
    void aClosedPortFailsAtConnect() {
        Response r = test("someone@example.com");
        r.then().statusCode(200).body("delivered", equalTo(false)).body("step", equalTo("connect"))
                .body("serverReply", containsString("Connection refused"))
                .body("$", not(org.hamcrest.Matchers.hasKey("messageId")));
    }

    @Test
    void aWrongPasswordFailsAtAuthWithTheServersReplyAndThePasswordNowhere() {
        smtp = greenMail("greenmail-password-not-a-secret");
        try (LogCapture logs = new LogCapture()) {
            Response r = test("someone@example.com");
            r.then().statusCode(200).body("delivered", equalTo(false)).body("step", equalTo("auth"))
                    .body("serverReply", containsString("535")).body("username", equalTo("mailer"));
            assertThat(r.asString()).doesNotContain(PASSWORD);
            assertThat(logs.lines()).as("log lines").anyMatch(l -> l.contains("step auth"))
                    .noneMatch(l -> l.contains(PASSWORD));
        }
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void aRefusedRecipientFailsAtSendWithTheServersReply() throws Exception {
        try (var server = new ScriptedSmtp(SMTP_PORT, "220 scripted ESMTP", Map.of(
                "EHLO", "250-scripted\r\n250 AUTH PLAIN LOGIN",
                "AUTH", "235 2.7.0 accepted",
                "MAIL", "250 2.1.0 ok",
                "RCPT", "550 5.1.1 <nobody@example.com>: recipient unknown",
                "RSET", "250 ok",
                "QUIT", "221 bye"))) {
            test("nobody@example.com").then().statusCode(200).body("delivered", equalTo(false))
                    .body("step", equalTo("send")).body("serverReply", containsString("550 5.1.1"))
                    .body("serverReply", containsString("recipient unknown"));
        }
    }

    @Test
    void aServerThatNeverGreetsFailsAtConnectAfterTheTimeoutWithAHintAtTls() throws Exception {
        try (var server = new ScriptedSmtp(SMTP_PORT, null, Map.of())) {
            test("someone@example.com").then().statusCode(200).body("delivered", equalTo(false))
                    .body("step", equalTo("connect")).body("serverReply", containsString("within 5 s"))
                    .body("serverReply", containsString("AUTHENTIK_EMAIL__USE_SSL=true"));
        }
    }

    @Test
    void aMissingOrInvalidRecipientIsA400NamingToAndSendsNothing() {
        smtp = greenMail(PASSWORD);
        for (String body : new String[] { "{}", "{\"to\": \"\"}", "{\"to\": \"not-an-address\"}",
                "{\"to\": \"Alice <alice@example.com>\"}", "{\"to\": \"a@example.com, b@example.com\"}" }) {
            api().body(body).post("/email/test").then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("to"));
        }
        api().body("{\"to\": \"alice@example.com\", \"cc\": \"x\"}").post("/email/test").then().statusCode(400)
                .body("errors.field", hasItem("cc"));
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    static Response test(String to) {
        return api().body("{\"to\": \"" + to + "\"}").post("/email/test");
    }

    /** GreenMail on the profile's port, with the user mailer and {@code password}: a wrong login is refused. */
    private static GreenMail greenMail(String password) {
        GreenMail mail = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("mailer", password));
        mail.start();
        return mail;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
