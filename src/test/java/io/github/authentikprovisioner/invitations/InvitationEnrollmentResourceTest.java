package io.github.authentikprovisioner.invitations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.authentikprovisioner.ApiTestSupport;
import io.github.authentikprovisioner.SecurityState;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class InvitationEnrollmentResourceTest extends ApiTestSupport {

    private static final String POLICY = """
            {"name": "password-complexity", "minLength": 12, "minUppercase": 1, "minLowercase": 1, "minDigits": 1,
             "minSymbols": 1}""";

    @Test
    void invitationEnrollmentBuildsTheFlowAndAddsOnlyNormalUsers() {
        user("alice", "internal", false);
        user("svc", "service_account", false);
        user("bob", "internal", true);
        Response r = api().body("{\"group\": \"authentik Users\", \"addExistingUsers\": true}")
                .put("/security/invitation-enrollment");
        r.then().statusCode(201).body("flowSlug", equalTo("enrollment-invitation"))
                .body("usersAdded", equalTo(List.of("alice")));
        JsonNode group = emulator.list("/core/groups/?name=authentik%20Users").getFirst();
        assertThat(group.get("is_superuser").asBoolean()).isFalse();
        assertThat(usernames(group)).containsExactly("alice");
        JsonNode write = emulator.list("/stages/user_write/?name=enrollment-invitation-write").getFirst();
        assertThat(write.get("create_users_group").asText()).isEqualTo(group.get("pk").asText());
        assertThat(write.get("user_type").asText()).isEqualTo("internal");
        assertThat(write.get("user_creation_mode").asText()).isEqualTo("create_when_required");
        assertThat(emulator.list("/stages/invitation/stages/?name=enrollment-invitation").getFirst()
                .get("continue_flow_without_invitation").asBoolean()).isFalse();
        JsonNode email = emulator.list("/stages/email/?name=enrollment-invitation-email").getFirst();
        assertThat(email.get("subject").asText()).isEqualTo("Account Confirmation");
        assertThat(email.get("template").asText()).isEqualTo("email/account_confirmation.html");
        JsonNode flow = emulator.get("/flows/instances/enrollment-invitation/");
        assertThat(flow.get("designation").asText()).isEqualTo("enrollment");
        assertThat(flow.get("compatibility_mode").asBoolean()).isTrue();
        assertThat(new SecurityState(emulator).bindings("enrollment-invitation")).containsExactly(
                "10 enrollment-invitation", "20 default-source-enrollment-prompt", "30 enrollment-invitation-write",
                "40 enrollment-invitation-email", "50 default-source-enrollment-login");
        assertThat(new SecurityState(emulator).snapshot().get("default-source-enrollment-prompt.fields"))
                .isEqualTo(List.of("default-user-settings-field-email", "default-user-settings-field-name",
                        "default-user-settings-field-username", "initial-setup-field-password",
                        "initial-setup-field-password-repeat"));

        emulator.calls().clear();
        api().body("{\"group\": \"authentik Users\", \"addExistingUsers\": true}")
                .put("/security/invitation-enrollment").then().statusCode(200).body("status", equalTo("unchanged"))
                .body("usersAdded", equalTo(List.of()));
        assertThat(emulator.calls().writes()).isZero();
    }

    @Test
    void passwordPolicyOnTheEnrollmentPromptIsKept() {
        api().body(POLICY).put("/security/password-policy").then().statusCode(201);
        api().body("{}").put("/security/invitation-enrollment").then().statusCode(201);
        JsonNode prompt = emulator.list("/stages/prompt/stages/?name=default-source-enrollment-prompt").getFirst();
        JsonNode policy = emulator.list("/policies/password/?name=password-complexity").getFirst();
        assertThat(prompt.get("validation_policies").toString()).isEqualTo("[\"" + policy.get("pk").asText() + "\"]");
        assertThat(prompt.get("fields")).hasSize(5);
    }

    @Test
    void existingUsersStayOutUnlessAsked() {
        user("alice", "internal", false);
        api().body("{\"group\": \"Family\", \"addExistingUsers\": false}").put("/security/invitation-enrollment")
                .then().statusCode(201).body("usersAdded", equalTo(List.of()));
        assertThat(usernames(emulator.list("/core/groups/?name=Family").getFirst())).isEmpty();
    }

    @Test
    void aSuperuserGroupIsRefused() {
        api().body("{\"group\": \"authentik Admins\"}").put("/security/invitation-enrollment").then().statusCode(409)
                .body("detail", containsString("superuser"));
        assertThat(emulator.calls().writes()).isZero();
        assertThat(emulator.list("/core/groups/?name=authentik%20Admins").getFirst().get("is_superuser").asBoolean())
                .isTrue();
    }

    /**
     * A child of authentik Admins has is_superuser false of its own, and still makes every member a superuser
     * (authentik/core/models.py all_groups(), with_ancestors): every invited user would be an administrator.
     */
    @Test
    void aGroupBelowASuperuserGroupIsRefusedAndNothingIsWritten() {
        String admins = emulator.list("/core/groups/?name=authentik%20Admins").getFirst().get("pk").asText();
        com.fasterxml.jackson.databind.node.ObjectNode staff = new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode().put("name", "Staff");
        staff.putArray("parents").add(admins);
        emulator.create("/core/groups/", staff);
        emulator.calls().clear();

        api().body("{\"group\": \"Staff\"}").put("/security/invitation-enrollment").then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("'authentik Admins'"));
        api().body("{\"group\": \"Staff\"}").queryParam("dryRun", true).put("/security/invitation-enrollment")
                .then().statusCode(409);
        assertThat(emulator.calls().writes()).isZero();
        assertThat(emulator.list("/flows/instances/?slug=enrollment-invitation")).isEmpty();
    }

    @Test
    void existingUsersWhoAreSuperusersThroughAParentGroupDoNotJoin() {
        String admins = emulator.list("/core/groups/?name=authentik%20Admins").getFirst().get("pk").asText();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode staff = json.createObjectNode().put("name", "Staff");
        staff.putArray("parents").add(admins);
        String staffPk = emulator.create("/core/groups/", staff).get("pk").asText();
        com.fasterxml.jackson.databind.node.ObjectNode carol = json.createObjectNode().put("username", "carol")
                .put("name", "carol").put("type", "internal");
        carol.putArray("groups").add(staffPk);
        emulator.create("/core/users/", carol);
        user("alice", "internal", false);

        api().body("{\"group\": \"Family\", \"addExistingUsers\": true}").put("/security/invitation-enrollment")
                .then().statusCode(201).body("usersAdded", equalTo(List.of("alice")));
    }

    @Test
    void invitationEnrollmentWithoutTheDefaultPromptIsAConflictNamingIt() {
        deleteByName("/stages/prompt/stages/", "default-source-enrollment-prompt");
        api().body("{}").put("/security/invitation-enrollment").then().statusCode(409)
                .body("detail", containsString("default-source-enrollment-prompt"));
        assertThat(emulator.calls().writes()).isZero();
    }

    @Test
    void invitationEnrollmentDryRunWritesNothing() {
        user("alice", "internal", false);
        api().body("{}").queryParam("dryRun", true).put("/security/invitation-enrollment").then().statusCode(200)
                .body("status", equalTo("planned")).body("usersAdded", equalTo(List.of("alice")));
        assertThat(emulator.calls().writes()).isZero();
        assertThat(emulator.list("/core/groups/?name=authentik%20Users")).isEmpty();
    }

    @Test
    void badInputIsRejectedNamingTheFieldWithoutCallingAuthentik() {
        assertBadPut("/security/invitation-enrollment", "{\"group\": \"\"}", "group");
        assertBadPut("/security/invitation-enrollment", "{\"addExistingUsers\": \"yes please\"}", "addExistingUsers");
        assertThat(emulator.calls().all()).isEmpty();
    }

}
