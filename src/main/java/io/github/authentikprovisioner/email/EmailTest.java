package io.github.authentikprovisioner.email;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where to send a test email: the service's {@code ak test_email RECIPIENT}. */
@Schema(name = "EmailTest", description = "A test email through authentik's SMTP settings")
public record EmailTest(
        @Schema(description = "Recipient of the test email, one plain address", examples = "someone@example.com",
                required = true)
        @NotBlank @Email @Size(max = 254) String to) {
}
