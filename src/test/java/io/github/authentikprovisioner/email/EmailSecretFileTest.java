package io.github.authentikprovisioner.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.github.authentikprovisioner.ApiTestSupport;
import io.github.authentikprovisioner.LogCapture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * authentik's SMTP settings as authentik reads them. The password given as a file, as Docker secrets are: authentik
 * reads {@code file:///path} values from the file (stripped) and JSON-decodes its variables
 * (authentik/lib/config.py), so this service must log in with the file's content, not with the text
 * {@code file:///…}. And the timeout as Django's SMTP backend applies it: to each socket operation
 * (django/core/mail/backends/smtp.py passes it to smtplib), not to the whole email.
 */
@QuarkusTest
@TestProfile(EmailSecretFileTest.SecretFile.class)
class EmailSecretFileTest extends ApiTestSupport {

    static final int SMTP_PORT = EmailTestResourceTest.freePort();
    static final String PASSWORD = "smtp-password-from-a-file-not-a-secret";
    static final Path SECRET = secretFile();

    /** {@code AUTHENTIK_EMAIL__PASSWORD=file:///…/smtp}, the username as a JSON string, as authentik accepts them. */
    public static class SecretFile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("AUTHENTIK_EMAIL__HOST", "127.0.0.1", "AUTHENTIK_EMAIL__PORT", String.valueOf(SMTP_PORT),
                    "AUTHENTIK_EMAIL__USERNAME", "\"mailer\"", "AUTHENTIK_EMAIL__PASSWORD", "file://" + SECRET,
                    "AUTHENTIK_EMAIL__FROM", "authentik@example.com", "AUTHENTIK_EMAIL__TIMEOUT", "1");
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
    void thePasswordIsTheFilesContentAndIsLoggedNowhere() {
        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("mailer", PASSWORD));
        smtp.start();
        try (LogCapture logs = new LogCapture()) {
            Response r = api().body("{\"to\": \"someone@example.com\"}").post("/email/test");
            r.then().statusCode(200).body("delivered", equalTo(true)).body("username", equalTo("mailer"));
            assertThat(smtp.waitForIncomingEmail(5_000, 1)).isTrue();
            assertThat(r.asString()).doesNotContain(PASSWORD);
            assertThat(logs.lines()).noneMatch(l -> l.contains(PASSWORD));
        }
    }

    /** Eight answers 0.3 s apart take over two timeouts in all, each within one: delivered, as by authentik. */
    @Test
    void aSlowServerThatAnswersEachStepWithinTheTimeoutIsWaitedFor() throws Exception {
        try (var server = new ScriptedSmtp(SMTP_PORT, "220 slow ESMTP", Map.of(
                "EHLO", "250-slow\r\n250 AUTH PLAIN LOGIN",
                "AUTH", "235 2.7.0 accepted",
                "MAIL", "250 2.1.0 ok",
                "RCPT", "250 2.1.5 ok",
                "DATA", "354 go ahead",
                ".", "250 2.0.0 queued",
                "QUIT", "221 bye"), Duration.ofMillis(300))) {
            Response r = api().body("{\"to\": \"someone@example.com\"}").post("/email/test");
            r.then().statusCode(200).body("delivered", equalTo(true));
            assertThat(r.jsonPath().getInt("milliseconds")).as("longer than one timeout in all")
                    .isGreaterThan(1_000);
        }
    }

    /** A server that stops answering after its greeting: the connection is closed one timeout later. */
    @Test
    void aServerThatStopsAnsweringIsGivenUpOnOneTimeoutAfterItsLastWord() throws Exception {
        try (var server = new ScriptedSmtp(SMTP_PORT, "220 stalls ESMTP", Map.of(
                "EHLO", "250-stalls\r\n250 AUTH PLAIN LOGIN"), Duration.ZERO, "AUTH")) {
            Response r = api().body("{\"to\": \"someone@example.com\"}").post("/email/test");
            r.then().statusCode(200).body("delivered", equalTo(false))
                    .body("serverReply", org.hamcrest.Matchers.containsString("AUTHENTIK_EMAIL__TIMEOUT (1 s)"));
            assertThat(r.jsonPath().getInt("milliseconds")).isBetween(1_000, 2_900);
        }
    }

    /** Silent from the start (a TLS-only port spoken to in plain text): reported after the whole-email guard. */
    @Test
    void aServerThatNeverGreetsIsGivenUpOnAfterTheGuard() throws Exception {
        try (var server = new ScriptedSmtp(SMTP_PORT, null, Map.of())) {
            Response r = api().body("{\"to\": \"someone@example.com\"}").post("/email/test");
            r.then().statusCode(200).body("delivered", equalTo(false)).body("step", equalTo("connect"))
                    .body("serverReply", org.hamcrest.Matchers.containsString("within 1 s"));
            assertThat(r.jsonPath().getInt("milliseconds")).isLessThan(5_000);
        }
    }

    /** A Docker secret as {@code docker secret create} leaves it: the value and a newline. */
    private static Path secretFile() {
        try {
            Path dir = Files.createTempDirectory("provisioner-secrets");
            Path file = dir.resolve("smtp");
            Files.writeString(file, PASSWORD + "\n", StandardCharsets.UTF_8);
            file.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
