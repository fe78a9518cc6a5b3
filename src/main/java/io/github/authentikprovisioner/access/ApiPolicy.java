package io.github.authentikprovisioner.access;

import jakarta.enterprise.context.ApplicationScoped;

import io.github.authentikprovisioner.config.ProvisionerConfig;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Every path of this service needs a known client, Quarkus' own {@code /q/*} ones included, except the configured
 * public paths ({@code PROVISIONER_PUBLIC_PATHS}: health probes; Swagger UI and the contract in the deployed stack).
 * Quarkus' metrics need {@code admin} or {@code read}. Each operation of the API then checks its own scopes.
 * Applied to {@code /*} by {@code quarkus.http.auth.permission.api.policy=provisioner}.
 */
@ApplicationScoped
class ApiPolicy implements HttpSecurityPolicy {

    private final ProvisionerConfig config;

    ApiPolicy(ProvisionerConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "provisioner";
    }

    @Override
    public Uni<CheckResult> checkPermission(RoutingContext request, Uni<SecurityIdentity> identity,
            AuthorizationRequestContext context) {
        String path = request.normalizedPath();
        if (isPublic(path)) {
            return CheckResult.permit();
        }
        return identity.map(who -> {
            if (who.isAnonymous()) {
                return CheckResult.DENY;
            }
            if (path.startsWith("/q/metrics") && !who.hasRole(Scopes.ADMIN) && !who.hasRole(Scopes.READ)) {
                return CheckResult.DENY;
            }
            return CheckResult.PERMIT;
        });
    }

    private boolean isPublic(String path) {
        for (String prefix : config.publicPaths()) {
            if (path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/")) {
                return true;
            }
        }
        return false;
    }
}
