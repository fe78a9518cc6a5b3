package io.github.authentikprovisioner.oidc;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * The seed's "Nextcloud Profile" scope mapping (scope {@code profile}): Nextcloud's user id, display name, quota and
 * groups, with members of the admin group mapped to Nextcloud's {@code admin} group.
 */
public final class NextcloudProfile {

    /** The seed's admin group, which its expression names. */
    public static final String DEFAULT_ADMIN_GROUP = "nextcloud Admins";
    /** The seed's mapping name. */
    public static final String NAME = "Nextcloud Profile";
    public static final String SCOPE = "profile";

    /**
     * The seed's expression, laid out on lines as Python needs it, with one word changed: {@code user.groups} where the
     * seed has {@code user.ak_groups}, a deprecated proxy of it in authentik 2026.2 (authentik/core/models.py:
     * "TODO: remove this after 2026", replacement {@code User.groups}) that also records a configuration-warning
     * event on use. Same claims: the user's direct groups.
     */
    static final String EXPRESSION = """
            # Extract all groups the user is a member of
            groups = [group.name for group in user.groups.all()]

            # Nextcloud admins must be members of a group called "admin".
            # This is static and cannot be changed.
            # We append a fictional "admin" group to the user's groups if they are a member of "nextcloud Admins" in authentik.
            # This group would only be visible in Nextcloud and does not exist in authentik.
            if "nextcloud Admins" in groups:
                groups = ["admin"]
            else:
                groups = []

            return {
                # Display name
                "name": request.user.name,
                "groups": groups,
                # To set a quota set the "nextcloud_quota" property in the user's attributes
                "quota": user.group_attributes().get("nextcloud_quota", None),
                # To connect an already existing user, set the "nextcloud_user_id" property in the
                # user's attributes to the username of the corresponding user on Nextcloud.
                # Uses the Authentik username if attribute is not set.
                "user_id": user.attributes.get("nextcloud_user_id", str(user.username)),
            }
            """;

    private static final String ADMIN_TEST = "if \"nextcloud Admins\" in groups:";

    private NextcloudProfile() {
    }

    /**
     * The mapping's name for an admin group: the seed's for its group, otherwise one per group, so that Nextclouds
     * with different admin groups never share (and fight over) one mapping.
     */
    public static String name(String adminGroup) {
        return DEFAULT_ADMIN_GROUP.equals(adminGroup) ? NAME : NAME + " (" + adminGroup + ")";
    }

    /** Whether a scope mapping of this name is one this recipe makes. */
    public static boolean isOurs(String mappingName) {
        return NAME.equals(mappingName) || mappingName.startsWith(NAME + " (") && mappingName.endsWith(")");
    }

    /** The expression mapping {@code adminGroup} to Nextcloud's admins; the seed's own for the seed's group. */
    public static String expression(String adminGroup) {
        if (DEFAULT_ADMIN_GROUP.equals(adminGroup)) {
            return EXPRESSION;
        }
        String literal = "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(adminGroup)) + "\"";
        return EXPRESSION.replace(ADMIN_TEST, "if " + literal + " in groups:");
    }
}
