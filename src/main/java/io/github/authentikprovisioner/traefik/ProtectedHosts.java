package io.github.authentikprovisioner.traefik;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.authentik.AuthentikSession;
import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.outpost.EmbeddedOutpost;

/** Reads from authentik which hosts the embedded outpost protects with single-application forward auth. */
public final class ProtectedHosts {

    private ProtectedHosts() {
    }

    /**
     * Every {@code forward_single} proxy provider that backs an application and is served by the embedded outpost
     * (outposts serve only providers attached to an application, API-NOTES §1). Two calls, whatever the count.
     */
    public static List<ProtectedHost> read(AuthentikSession session) {
        Set<String> served = EmbeddedOutpost.served(session);
        return session.list(Kind.PROXY_PROVIDER, Map.of("mode__iexact", "forward_single")).stream()
                .filter(p -> "forward_single".equals(p.path("mode").asText()))
                .filter(p -> served.contains(p.path("pk").asText()))
                .filter(p -> hasText(p.get("assigned_application_slug")) && hasText(p.get("external_host")))
                .map(ProtectedHosts::host)
                .sorted(Comparator.comparing(ProtectedHost::slug))
                .toList();
    }

    private static ProtectedHost host(ObjectNode provider) {
        return new ProtectedHost(provider.get("assigned_application_slug").asText(),
                provider.get("external_host").asText());
    }

    private static boolean hasText(JsonNode node) {
        return node != null && !node.isNull() && !node.asText().isBlank();
    }
}
