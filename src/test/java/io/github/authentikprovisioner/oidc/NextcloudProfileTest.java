package io.github.authentikprovisioner.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.github.authentikprovisioner.recipes.SeedText;

class NextcloudProfileTest {

    @Test
    void expressionIsTheSeedsWordForWord() {
        assertThat(SeedText.normalised(NextcloudProfile.expression("nextcloud Admins")))
                .isEqualTo(SeedText.normalised(SeedText.nextcloudProfileExpressionUpdated()));
    }

    @Test
    void expressionIsPythonLaidOutOnLines() {
        // the seed prints it on one line, where the first comment would swallow everything after it
        assertThat(NextcloudProfile.EXPRESSION.lines())
                .contains("groups = [group.name for group in user.groups.all()]",
                        "if \"nextcloud Admins\" in groups:", "    groups = [\"admin\"]", "return {",
                        "    \"user_id\": user.attributes.get(\"nextcloud_user_id\", str(user.username)),", "}");
        // user.ak_groups is a deprecated proxy in authentik 2026.2 that logs a configuration warning on every use
        assertThat(NextcloudProfile.EXPRESSION).doesNotContain("ak_groups");
        assertThat(NextcloudProfile.EXPRESSION.lines().filter(l -> l.contains("#")))
                .as("every comment has its line to itself").allMatch(l -> l.strip().startsWith("#"));
    }

    @Test
    void anotherAdminGroupGetsItsOwnMappingTestingThatGroup() {
        assertThat(NextcloudProfile.name("nextcloud Admins")).isEqualTo("Nextcloud Profile");
        assertThat(NextcloudProfile.name("NC \"Admins\"")).isEqualTo("Nextcloud Profile (NC \"Admins\")");
        assertThat(NextcloudProfile.expression("NC \"Admins\""))
                .contains("if \"NC \\\"Admins\\\"\" in groups:")
                .doesNotContain("if \"nextcloud Admins\" in groups:");
        assertThat(NextcloudProfile.isOurs("Nextcloud Profile")).isTrue();
        assertThat(NextcloudProfile.isOurs("Nextcloud Profile (x)")).isTrue();
        assertThat(NextcloudProfile.isOurs("Nextcloud Profiles")).isFalse();
    }
}
