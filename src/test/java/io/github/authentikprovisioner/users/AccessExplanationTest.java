package io.github.authentikprovisioner.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Explaining authentik's answer from an application's bindings. */
class AccessExplanationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectNode BOB = JSON.createObjectNode().put("username", "bob").put("is_active", true);
    private static final ObjectNode APP = JSON.createObjectNode().put("slug", "nextcloud").put("pk", "a1")
            .put("policy_engine_mode", "any");

    @Test
    void aRefusalNamesTheGateGroupsAndTheCallThatLetsIn() {
        AccessAnswer a = AccessExplanation.of(false, List.of(), BOB, APP,
                List.of(groupBinding("nextcloud Users", false), groupBinding("Family", false)));
        assertThat(a.allowed()).isFalse();
        assertThat(a.messages()).singleElement().asString()
                .contains("members of 'nextcloud Users' or 'Family'").contains("policy engine mode any");
        assertThat(a.fix()).isEqualTo("PUT /users/bob with \"groups\": [\"nextcloud Users\"]");
    }

    @Test
    void noBindingMeansEverySignedInUserAndInactiveMeansNobody() {
        assertThat(AccessExplanation.of(true, List.of(), BOB, APP, List.of()).messages()).singleElement().asString()
                .contains("every signed-in user");
        ObjectNode off = BOB.deepCopy().put("is_active", false);
        AccessAnswer a = AccessExplanation.of(true, List.of(), off, APP, List.of());
        assertThat(a.allowed()).isFalse();
        assertThat(a.fix()).contains("\"active\": true");
    }

    @Test
    void aDisabledBindingIsNoGateAndANegatedOneIsNoFix() {
        ObjectNode disabled = groupBinding("nextcloud Users", false).put("enabled", false);
        assertThat(AccessExplanation.of(true, List.of(), BOB, APP, List.of(disabled)).messages().getFirst())
                .contains("every signed-in user");
        AccessAnswer a = AccessExplanation.of(false, List.of(), BOB, APP, List.of(groupBinding("Banned", true)));
        assertThat(a.messages().getFirst()).contains("not 'Banned'");
        assertThat(a.fix()).isNull();
    }

    private static ObjectNode groupBinding(String group, boolean negate) {
        ObjectNode b = JSON.createObjectNode().put("target", "a1").put("enabled", true).put("negate", negate);
        b.putObject("group_obj").put("name", group);
        return b;
    }
}
