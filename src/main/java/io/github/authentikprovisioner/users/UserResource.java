package io.github.authentikprovisioner.users;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.github.authentikprovisioner.access.Scopes;
import io.github.authentikprovisioner.api.InvalidInput;
import io.github.authentikprovisioner.api.RecipeReport;
import io.github.authentikprovisioner.authentik.Authentik;
import io.github.authentikprovisioner.recipes.Patterns;

/** The people who sign in to the apps: their groups and attributes, and whether authentik lets them in. */
@Path("/users")
@Tag(name = "People")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserResource {

    private final Authentik authentik;
    private final UserService users;
    private final AccessService access;

    UserResource(Authentik authentik, UserService users, AccessService access) {
        this.authentik = authentik;
        this.users = users;
        this.access = access;
    }

    @PUT
    @Path("/{username}")
    @RolesAllowed(Scopes.ADMIN)
    @Operation(summary = "Ensure a person and their groups",
            description = "Creates or converges the user: name, email, active, the attributes given (others kept), "
                    + "and membership of the groups given; with exclusive, out of the other groups this service "
                    + "manages (never a superuser group), and out of the groups named in leave. The password is set "
                    + "when the user is created, when this service never set one, or with resetPassword. A second "
                    + "identical call writes nothing. Refused (409) for this service's own account and when it would "
                    + "leave no active superuser.")
    @APIResponse(responseCode = "400", description = "A group that does not exist or makes superusers, or a "
            + "malformed field")
    @APIResponse(responseCode = "409", description = "This service's own account, or the last active superuser")
    public RestResponse<UserResult> ensure(@PathParam("username") @Size(max = 150)
            @Pattern(regexp = Patterns.USERNAME, message = Patterns.USERNAME_MESSAGE) String username,
            @Valid @NotNull Person body,
            @Parameter(description = "Set the given password even when this service set one before")
            @QueryParam("resetPassword") boolean resetPassword,
            @Parameter(description = "Only report the plan; write nothing") @QueryParam("dryRun") boolean dryRun) {
        if (body.username() != null && !body.username().equals(username)) {
            throw InvalidInput.of("username", "must be the path's username '" + username + "' or absent");
        }
        return RecipeReport.respond(users.ensure(authentik.session(), body.named(username), resetPassword, dryRun));
    }

    @GET
    @RolesAllowed({ Scopes.ADMIN, Scopes.READ })
    @Operation(summary = "The people this service manages", description = "Two authentik reads whatever their number.")
    public List<UserView> list() {
        return users.list(authentik.session());
    }

    @GET
    @Path("/{username}")
    @RolesAllowed({ Scopes.ADMIN, Scopes.READ })
    @Operation(summary = "One user, managed here or not")
    @APIResponse(responseCode = "404", description = "authentik has no such user")
    public UserView get(@PathParam("username") @Size(max = 150)
            @Pattern(regexp = Patterns.USERNAME, message = Patterns.USERNAME_MESSAGE) String username) {
        return users.one(authentik.session(), username);
    }

    @DELETE
    @Path("/{username}")
    @RolesAllowed(Scopes.ADMIN)
    @Operation(summary = "Deactivate (or delete) a person",
            description = "Deactivates a user this service manages, which ends their sessions; with delete=true "
                    + "deletes it. Refused (409) for users it does not manage, its own account, and the last active "
                    + "superuser.")
    @APIResponse(responseCode = "404", description = "authentik has no such user")
    @APIResponse(responseCode = "409", description = "Not managed here, this service's own account, or the last "
            + "active superuser")
    public RestResponse<UserResult> remove(@PathParam("username") @Size(max = 150)
            @Pattern(regexp = Patterns.USERNAME, message = Patterns.USERNAME_MESSAGE) String username,
            @Parameter(description = "Delete the user instead of deactivating it") @QueryParam("delete") boolean delete,
            @Parameter(description = "Only report the plan; write nothing") @QueryParam("dryRun") boolean dryRun) {
        return RecipeReport.respond(users.remove(authentik.session(), username, delete, dryRun));
    }

    @GET
    @Path("/{username}/access")
    @RolesAllowed({ Scopes.ADMIN, Scopes.READ })
    @Operation(summary = "Which of this service's apps the user may open",
            description = "authentik's policy engine decides (the applications it lists for the user); each refusal "
                    + "names the gates and the call that would let the user in. Four authentik reads whatever the "
                    + "number of apps.")
    @APIResponse(responseCode = "404", description = "authentik has no such user")
    public List<AccessAnswer> accessToAll(@PathParam("username") @Size(max = 150)
            @Pattern(regexp = Patterns.USERNAME, message = Patterns.USERNAME_MESSAGE) String username) {
        return access.all(authentik.session(), username);
    }

    @GET
    @Path("/{username}/access/{slug}")
    @RolesAllowed({ Scopes.ADMIN, Scopes.READ })
    @Operation(summary = "Whether the user may open one application",
            description = "Asks authentik (check_access) and explains a refusal from the application's bindings.")
    @APIResponse(responseCode = "404", description = "authentik has no such user or application")
    public AccessAnswer access(@PathParam("username") @Size(max = 150)
            @Pattern(regexp = Patterns.USERNAME, message = Patterns.USERNAME_MESSAGE) String username,
            @PathParam("slug") @Size(max = 50) @Pattern(regexp = Patterns.SLUG, message = Patterns.SLUG_MESSAGE)
            String slug) {
        return access.one(authentik.session(), username, slug);
    }
}
