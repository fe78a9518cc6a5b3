package io.github.authentikprovisioner.recipes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Who authentik makes a superuser (authentik/core/models.py all_groups(), with_ancestors), without authentik. */
class SuperusersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode group(String pk, boolean superuser, String... parents) {
        ObjectNode g = JSON.createObjectNode().put("pk", pk).put("name", pk).put("is_superuser", superuser);
        var array = g.putArray("parents");
        for (String p : parents) {
            array.add(p);
        }
        return g;
    }

    private static ObjectNode user(String... groups) {
        ObjectNode u = JSON.createObjectNode().put("pk", 7);
        var array = u.putArray("groups");
        for (String g : groups) {
            array.add(g);
        }
        return u;
    }

    private final ObjectNode admins = group("admins", true);
    private final ObjectNode staff = group("staff", false, "admins");
    private final ObjectNode interns = group("interns", false, "family", "staff");
    private final ObjectNode family = group("family", false);
    private final Superusers superusers = Superusers.of(List.of(admins, staff, interns, family));

    @Test
    void aGroupGrantsSuperuserThroughAnyAncestor() {
        assertThat(superusers.grantsSuperuser(admins)).isTrue();
        assertThat(superusers.grantsSuperuser(staff)).as("its parent's flag").isTrue();
        assertThat(superusers.grantedBy(interns)).as("two levels up, through its second parent").contains(admins);
        assertThat(superusers.grantsSuperuser(family)).isFalse();
    }

    @Test
    void theRefusalNamesTheGroupThatGrantsIt() {
        assertThat(superusers.why(admins)).contains("is a superuser group");
        assertThat(superusers.why(interns)).hasValueSatisfying(w -> assertThat(w).contains("'admins'"));
        assertThat(superusers.why(family)).isEmpty();
    }

    @Test
    void aUserIsASuperuserThroughAnyOfItsGroups() {
        assertThat(superusers.isSuperuser(user("family"))).isFalse();
        assertThat(superusers.isSuperuser(user("family", "interns"))).isTrue();
        assertThat(superusers.isSuperuser(user())).isFalse();
        assertThat(superusers.isSuperuser(user("unknown"))).as("a group not listed grants nothing").isFalse();
    }

    @Test
    void aCycleEnds() {
        ObjectNode a = group("a", false, "b");
        ObjectNode b = group("b", false, "a");
        Superusers cyclic = Superusers.of(List.of(a, b));
        assertThat(cyclic.grantsSuperuser(a)).isFalse();
        ObjectNode c = group("c", true, "a");
        assertThat(Superusers.of(List.of(a, b, c)).grantsSuperuser(a)).as("a child's flag does not go up").isFalse();
        ObjectNode d = group("d", false, "a", "e");
        ObjectNode e = group("e", true);
        assertThat(Superusers.of(List.of(a, b, d, e)).grantsSuperuser(d)).isTrue();
    }
}
