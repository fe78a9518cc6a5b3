package io.github.authentikprovisioner.bootstrap;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.github.authentikprovisioner.api.AuthentikCalls;
import io.github.authentikprovisioner.api.RecipeReport;
import io.github.authentikprovisioner.authentik.CurrentToken;
import io.github.authentikprovisioner.reconcile.Change;
import io.github.authentikprovisioner.reconcile.Status;

/** Answer of {@code POST /bootstrap/service-account}. Never carries a key. */
@Schema(name = "ServiceAccountResult")
public record ServiceAccountResult(
        @Schema(description = "created, updated, unchanged (the own token already worked), or planned for a dry run")
        Status status,
        List<Change> changes,
        AuthentikCalls authentikCalls,
        @Schema(description = "The user of the token the service calls authentik with now", examples = "authentik-provisioner")
        String tokenUser,
        @Schema(description = "The variable that token comes from: AUTHENTIK_SERVICE_TOKEN once handed over",
                examples = "AUTHENTIK_SERVICE_TOKEN")
        CurrentToken.Source token,
        @Schema(description = "What to do next", examples = "akadmin can now be deactivated: PUT /admins/{username} "
                + "with {\"name\": …, \"deactivateAkadmin\": true}")
        String next) implements RecipeReport {
}
