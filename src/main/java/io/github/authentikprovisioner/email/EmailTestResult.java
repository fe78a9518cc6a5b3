package io.github.authentikprovisioner.email;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.github.authentikprovisioner.mail.TlsMode;

/**
 * Answer of {@code POST /email/test}: whether the SMTP server took the message, through which server and how, and
 * otherwise at which step and with which answer it failed. Never carries the SMTP password.
 */
@Schema(name = "EmailTestResult")
public record EmailTestResult(
        @Schema(description = "Whether the SMTP server accepted the message for delivery") boolean delivered,
        @Schema(description = "Recipient", examples = "someone@example.com") String to,
        @Schema(description = "Sender (AUTHENTIK_EMAIL__FROM)", examples = "authentik@example.com") String from,
        @Schema(description = "SMTP host (AUTHENTIK_EMAIL__HOST)", examples = "smtp.example.com") String host,
        @Schema(description = "SMTP port (AUTHENTIK_EMAIL__PORT)", examples = "587") int port,
        @Schema(description = "none; starttls (AUTHENTIK_EMAIL__USE_TLS); ssl, TLS from the first byte "
                + "(AUTHENTIK_EMAIL__USE_SSL)", examples = "starttls")
        TlsMode tls,
        @Schema(description = "The login used (AUTHENTIK_EMAIL__USERNAME); null when authentik would not log in, "
                + "that is without a username or without a password", nullable = true, examples = "mailer")
        String username,
        @Schema(description = "The step that failed; absent when delivered. connect: TCP connection, greeting, or "
                + "no answer in time; tls: TLS handshake or STARTTLS; auth: login refused; send: sender, "
                + "recipient or message refused", examples = "auth")
        @JsonInclude(JsonInclude.Include.NON_NULL) SmtpStep step,
        @Schema(description = "The SMTP server's answer to the failing command, or the network or TLS error; "
                + "absent when delivered", examples = "AUTH PLAIN failed: 535 5.7.8 Authentication credentials invalid")
        @JsonInclude(JsonInclude.Include.NON_NULL) String serverReply,
        @Schema(description = "Message-ID of the message sent; absent unless delivered",
                examples = "<msg.1764383000000.vertxmail.0@host>")
        @JsonInclude(JsonInclude.Include.NON_NULL) String messageId,
        @Schema(description = "How long the attempt took, in milliseconds", examples = "184") long milliseconds) {
}
