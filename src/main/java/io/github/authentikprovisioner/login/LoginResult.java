package io.github.authentikprovisioner.login;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.github.authentikprovisioner.api.AuthentikCalls;
import io.github.authentikprovisioner.api.RecipeReport;
import io.github.authentikprovisioner.recipes.StageBinding;
import io.github.authentikprovisioner.reconcile.Change;
import io.github.authentikprovisioner.reconcile.Status;

/** Answer of {@code PUT /login}. */
@Schema(name = "LoginResult")
public record LoginResult(
        @Schema(description = "created, updated, unchanged, or planned for a dry run") Status status,
        List<Change> changes,
        AuthentikCalls authentikCalls,
        @Schema(description = "Whether username and password share one page") boolean passwordOnIdentificationPage,
        @Schema(description = "Whether \"remember me\" is offered") boolean rememberMe,
        @Schema(description = "The bindings of default-authentication-flow this call ensured") List<StageBinding> bindings)
        implements RecipeReport {
}
