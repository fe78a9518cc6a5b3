package io.github.authentikprovisioner.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.github.authentikprovisioner.authentik.AuthentikSession;

/** How many calls a recipe made to authentik's API. */
@Schema(description = "Calls this request made to authentik's API")
public record AuthentikCalls(
        @Schema(description = "GET calls", examples = "5") int reads,
        @Schema(description = "POST/PATCH/DELETE calls; 0 when nothing had to change", examples = "0") int writes) {

    public static AuthentikCalls of(AuthentikSession session) {
        return new AuthentikCalls(session.reads(), session.writes());
    }
}
