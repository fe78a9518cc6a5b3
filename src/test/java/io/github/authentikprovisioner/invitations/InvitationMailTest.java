package io.github.authentikprovisioner.invitations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

import io.github.authentikprovisioner.ApiTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** Invitation emails through a real SMTP server (GreenMail, in this JVM, on a free port). */
@QuarkusTest
@TestProfile(InvitationMailTest.Smtp.class)
class InvitationMailTest extends ApiTestSupport {

    static final int SMTP_PORT = freePort();

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));

    /** The AUTHENTIK_EMAIL__* settings authentik would get, pointing at GreenMail. */
    public static class Smtp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("AUTHENTIK_EMAIL__HOST", "127.0.0.1", "AUTHENTIK_EMAIL__PORT", String.valueOf(SMTP_PORT),
                    "AUTHENTIK_EMAIL__FROM", "authentik@example.com", "AUTHENTIK_EMAIL__TIMEOUT", "5");
        }
    }

    @Test
    void theLinkIsEmailedToTheRecipient() throws Exception {
        enrollment();
        Response r = api().body(InvitationsResourceTest.ALICE).post("/invitations");
        r.then().statusCode(201).body("emailed", equalTo(true))
                .body("emailDetail", containsString("alice@example.com"));
        String link = r.jsonPath().getString("link");

        assertThat(SMTP.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertThat(mail.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
                .containsExactly("alice@example.com");
        assertThat(mail.getFrom()).extracting(Object::toString).containsExactly("authentik@example.com");
        assertThat(mail.getSubject()).isEqualTo("You are invited to sign up");
        String text = part(mail, "text/plain");
        assertThat(text).as("plain-text part").contains(link).contains("https://auth.example.com")
                .contains("works once");
        assertThat(part(mail, "text/html")).as("HTML part").contains("href=\"" + link + "\"");
    }

    @Test
    void withSmtpDownTheInvitationIsStillCreatedAndTheAnswerSaysWhy() {
        enrollment();
        SMTP.stop();
        Response r = api().body(InvitationsResourceTest.ALICE).post("/invitations");
        r.then().statusCode(201).body("status", equalTo("created")).body("emailed", equalTo(false))
                .body("emailDetail", containsString("127.0.0.1:" + SMTP_PORT + " failed"));
        String id = r.jsonPath().getString("id");
        assertThat(emulator.get("/stages/invitation/invitations/" + id + "/").get("name").asText())
                .isEqualTo("for-alice");
    }

    @Test
    void withoutAnAddressNothingIsSent() {
        enrollment();
        api().body("{}").post("/invitations").then().statusCode(201).body("emailed", equalTo(false))
                .body("emailDetail", equalTo("no email address given"));
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    private void enrollment() {
        api().body("{}").put("/security/invitation-enrollment").then().statusCode(201);
    }

    /** The decoded content of the first part of this MIME type. */
    private static String part(Part part, String mimeType) throws MessagingException, IOException {
        if (part.isMimeType(mimeType)) {
            return part.getContent().toString();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = part(multipart.getBodyPart(i), mimeType);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
