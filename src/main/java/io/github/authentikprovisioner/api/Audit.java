package io.github.authentikprovisioner.api;

import java.security.Principal;
import java.util.List;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.github.authentikprovisioner.reconcile.Change;

/**
 * One line per write and per refused call: which client, which operation, the status, and the objects it changed
 * (kind and name, never a value, so never a secret). Reads that succeed are not audited. Every answer also names
 * its client in {@code Provisioner-Client}.
 */
class Audit {

    private static final Logger LOG = Logger.getLogger("io.github.authentikprovisioner.audit");
    static final String CLIENT_HEADER = "Provisioner-Client";

    @ServerResponseFilter
    void audit(ContainerRequestContext request, ContainerResponseContext response) {
        Principal principal = request.getSecurityContext() == null ? null
                : request.getSecurityContext().getUserPrincipal();
        String client = principal == null ? "-" : principal.getName();
        if (principal != null) {
            response.getHeaders().putSingle(CLIENT_HEADER, client);
        }
        int status = response.getStatus();
        boolean refused = status == 401 || status == 403;
        if (!refused && ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))) {
            return;
        }
        List<String> changed = response.getEntity() instanceof RecipeReport report ? report.changes().stream()
                .filter(c -> c.action() != Change.Action.NONE)
                .map(c -> c.action().json() + " " + c.kind() + " '" + c.name() + "'").toList() : List.of();
        LOG.infof("client=%s %s %s -> %d%s", client, request.getMethod(), request.getUriInfo().getPath(), status,
                changed.isEmpty() ? "" : " " + changed);
    }
}
