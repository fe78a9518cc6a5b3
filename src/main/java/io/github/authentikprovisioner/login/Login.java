package io.github.authentikprovisioner.login;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Desired login page: username and password on one page or on two, and whether "remember me" is offered. */
@Schema(name = "Login", description = "Single page login (seed: 'Single page login')")
public record Login(
        @Schema(description = "true: the password field is on the identification page and the separate password "
                + "stage is unbound from default-authentication-flow; false: restores the two-page login",
                defaultValue = "true")
        Boolean passwordOnIdentificationPage,

        @Schema(description = "Offer \"Remember me on this device\" on the identification page", defaultValue = "false")
        Boolean rememberMe) {

    public Login {
        passwordOnIdentificationPage = passwordOnIdentificationPage == null || passwordOnIdentificationPage;
        rememberMe = rememberMe != null && rememberMe;
    }
}
