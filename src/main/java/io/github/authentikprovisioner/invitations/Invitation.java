package io.github.authentikprovisioner.invitations;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.github.authentikprovisioner.recipes.Patterns;

/** A new invitation to the invitation enrollment flow, optionally emailed to its recipient. */
@Schema(name = "Invitation", description = "A new invitation link (seed: 'Invitations', last step)")
public record Invitation(
        @Schema(description = "Name of the invitation; generated when absent", examples = "for-alice")
        @Size(min = 1, max = 50) @Pattern(regexp = Patterns.SLUG, message = Patterns.SLUG_MESSAGE) String name,

        @Schema(description = "Where to email the link; also pre-fills the enrollment form's email unless fixedData "
                + "sets one", examples = "alice@example.com")
        @Email @Size(max = 254) String email,

        @Schema(description = "How long the link stays valid, ISO-8601 duration (at most PROVISIONER_INVITATIONS_MAX_EXPIRY)",
                defaultValue = "P7D", examples = "P7D", implementation = String.class)
        @ValidExpiry Duration expiresIn,

        @Schema(description = "Whether the invitation is deleted once used", defaultValue = "true") Boolean singleUse,

        @Schema(description = "Values merged into the enrollment form (authentik's fixed_data)",
                examples = "{\"email\": \"alice@example.com\"}")
        @Size(max = 50) Map<String, Object> fixedData) {

    public static final Duration DEFAULT_EXPIRY = Duration.ofDays(7);

    public Invitation {
        expiresIn = expiresIn == null ? DEFAULT_EXPIRY : expiresIn;
        singleUse = singleUse == null || singleUse;
        fixedData = fixedData == null ? Map.of() : fixedData;
    }

    /** fixedData, with the recipient's email added unless it sets one itself. */
    public Map<String, Object> prefill() {
        Map<String, Object> out = new LinkedHashMap<>(fixedData);
        if (email != null) {
            out.putIfAbsent("email", email);
        }
        return out;
    }
}
