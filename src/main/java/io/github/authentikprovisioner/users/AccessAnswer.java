package io.github.authentikprovisioner.users;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Whether one user may open one application, as authentik's own policy engine decides
 * ({@code check_access}), and when not, why and what would change that.
 */
@Schema(name = "AccessAnswer")
public record AccessAnswer(
        @Schema(examples = "nextcloud") String application,
        @Schema(description = "Whether authentik lets the user open the application") boolean allowed,
        @Schema(description = "Why, for a human: authentik's messages and what the bindings say",
                examples = "[\"only members of 'nextcloud Users' may open 'nextcloud'; bob is not one\"]")
        List<String> messages,
        @Schema(description = "The call that would let the user in, when one would", nullable = true,
                examples = "PUT /users/bob {\"groups\": [\"nextcloud Users\"]}") String fix) {
}
