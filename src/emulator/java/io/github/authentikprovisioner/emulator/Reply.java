package io.github.authentikprovisioner.emulator;

import com.fasterxml.jackson.databind.JsonNode;

/** An HTTP answer of the emulator: status and JSON body (null for 204). */
record Reply(int status, JsonNode body) {

    static Reply ok(JsonNode body) {
        return new Reply(200, body);
    }

    static Reply created(JsonNode body) {
        return new Reply(201, body);
    }

    static Reply noContent() {
        return new Reply(204, null);
    }
}
