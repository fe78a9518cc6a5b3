package io.github.authentikprovisioner.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.ApiTestSupport;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The emulator's group hierarchy answers as authentik 2026.2.2: authentik/core/models.py ({@code all_groups()},
 * {@code with_ancestors}, {@code User.is_superuser}), authentik/core/api/groups.py ({@code parents}, the
 * {@code include_*} parameters) and authentik/core/api/users.py ({@code filter_is_superuser}).
 */
@QuarkusTest
class GroupHierarchyParityTest extends ApiTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aMemberOfAChildOfASuperuserGroupIsASuperuserThoughTheFilterLooksAtDirectGroupsOnly() {
        String admins = emulator.list("/core/groups/?name=authentik%20Admins").getFirst().get("pk").asText();
        JsonNode staff = group("Staff", admins);
        JsonNode interns = group("Interns", staff.get("pk").asText());
        assertThat(staff.get("is_superuser").asBoolean()).as("the group's own flag").isFalse();
        ObjectNode bob = JSON.createObjectNode().put("username", "bob").put("name", "Bob");
        bob.putArray("groups").add(interns.get("pk").asText());
        emulator.create("/core/users/", bob);

        JsonNode listed = emulator.list("/core/users/?username=bob").getFirst();
        assertThat(listed.get("is_superuser").asBoolean()).as("through Interns → Staff → authentik Admins").isTrue();
        assertThat(listed.get("groups_obj")).hasSize(1);
        assertThat(emulator.list("/core/users/?is_superuser=true")).extracting(u -> u.get("username").asText())
                .as("UsersFilter.filter_is_superuser: direct groups only").doesNotContain("bob").contains("akadmin");
        assertThat(emulator.list("/core/users/?is_superuser=false")).extracting(u -> u.get("username").asText())
                .contains("bob");
    }

    @Test
    void parentsAndChildrenObjectsAreNullUnlessAskedFor() {
        String admins = emulator.list("/core/groups/?name=authentik%20Admins").getFirst().get("pk").asText();
        JsonNode staff = group("Staff", admins);
        assertThat(staff.get("parents").toString()).isEqualTo("[\"" + admins + "\"]");
        assertThat(staff.get("parents_obj").isNull()).as("answer of the create").isTrue();
        assertThat(staff.get("children_obj").isNull()).isTrue();

        JsonNode plain = emulator.get("/core/groups/" + admins + "/");
        assertThat(plain.get("children").toString()).isEqualTo("[\"" + staff.get("pk").asText() + "\"]");
        assertThat(plain.get("children_obj").isNull()).isTrue();
        assertThat(plain.get("parents_obj").isNull()).isTrue();
        assertThat(plain.get("users_obj").isArray()).isTrue();

        JsonNode asked = emulator.get("/core/groups/" + staff.get("pk").asText() + "/?include_parents=true"
                + "&include_children=true&include_users=false");
        assertThat(asked.get("parents_obj").findValuesAsText("name")).containsExactly("authentik Admins");
        assertThat(asked.get("parents_obj").get(0).get("is_superuser").asBoolean()).isTrue();
        assertThat(asked.get("children_obj")).isEmpty();
        assertThat(asked.get("users_obj").isNull()).isTrue();
    }

    @Test
    void aCycleOfParentsEndsAsTheAncestryViewsRecursiveUnionDoes() {
        JsonNode a = group("A", null);
        JsonNode b = group("B", a.get("pk").asText());
        ObjectNode back = JSON.createObjectNode();
        back.putArray("parents").add(b.get("pk").asText());
        emulator.patch("/core/groups/" + a.get("pk").asText() + "/", back);
        ObjectNode carol = JSON.createObjectNode().put("username", "carol").put("name", "Carol");
        carol.putArray("groups").add(a.get("pk").asText());
        emulator.create("/core/users/", carol);
        assertThat(emulator.list("/core/users/?username=carol").getFirst().get("is_superuser").asBoolean()).isFalse();
    }

    private JsonNode group(String name, String parent) {
        ObjectNode body = JSON.createObjectNode().put("name", name);
        if (parent != null) {
            body.putArray("parents").add(parent);
        }
        return emulator.create("/core/groups/", body);
    }
}
