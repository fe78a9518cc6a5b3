package io.github.authentikprovisioner.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.recipes.Superusers;

/** The pure decisions of the people recipe: who leaves what, which groups are refused, what is refused. */
class UserRecipeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectNode ADMINS = group("1", "authentik Admins", true);
    private static final ObjectNode USERS = group("2", "nextcloud Users", false);
    private static final ObjectNode NC_ADMINS = group("3", "nextcloud Admins", false);
    private static final ObjectNode FAMILY = group("4", "Family", false);
    private static final Superusers SUPERUSERS = Superusers.of(List.of(ADMINS, USERS, NC_ADMINS, FAMILY));

    @Test
    void exclusiveLeavesManagedGroupsOnlyAndASuperuserGroupOnlyWhenNamed() {
        List<ObjectNode> current = List.of(ADMINS, USERS, NC_ADMINS, FAMILY);
        Set<String> managed = Set.of("1", "2", "3"); // authentik Admins gates a protected app
        assertThat(UserRecipe.leaving(person(List.of("nextcloud Users"), true, List.of()), current, managed,
                SUPERUSERS)).containsExactly("nextcloud Admins");
        assertThat(UserRecipe.leaving(person(List.of("nextcloud Users"), false, List.of("authentik Admins")), current,
                managed, SUPERUSERS)).containsExactly("authentik Admins");
        assertThat(UserRecipe.leaving(person(List.of(), false, List.of()), current, managed, SUPERUSERS)).isEmpty();
    }

    @Test
    void unknownAndSuperuserGroupsAreNamedByTheirField() {
        Map<String, ObjectNode> groups = Map.of("authentik Admins", ADMINS, "nextcloud Users", USERS);
        Person p = person(List.of("nextcloud Users", "Nope", "authentik Admins"), false, List.of("Gone"));
        assertThat(UserRecipe.invalidGroups(p, n -> Optional.ofNullable(groups.get(n)), SUPERUSERS))
                .extracting(e -> e.field()).containsExactly("groups[1]", "groups[2]", "leave[0]");
    }

    @Test
    void theServicesAccountAndTheLastSuperuserAreRefused() {
        assertThat(UserRecipe.whyRefused("authentik-provisioner", "authentik-provisioner", false, false, 3)).isPresent();
        assertThat(UserRecipe.whyRefused("akadmin", "akadmin", true, true, 0)).isPresent();
        assertThat(UserRecipe.whyRefused("bob", "akadmin", true, false, 0)).get().asString()
                .contains("last active superuser");
        assertThat(UserRecipe.whyRefused("bob", "akadmin", true, false, 1)).isEmpty();
        assertThat(UserRecipe.whyRefused("bob", "akadmin", false, false, 0)).isEmpty();
    }

    private static Person person(List<String> groups, boolean exclusive, List<String> leave) {
        return new Person("bob", "Bob", null, true, groups, exclusive, leave, Map.of(), null);
    }

    private static ObjectNode group(String pk, String name, boolean superuser) {
        ObjectNode g = JSON.createObjectNode().put("pk", pk).put("name", name).put("is_superuser", superuser);
        g.putArray("parents");
        g.putObject("attributes");
        return g;
    }
}
