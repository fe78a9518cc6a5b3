package io.github.authentikprovisioner.traefik;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Docker labels an app's container needs behind single-application forward auth: its router through the
 * {@code authentik} chain ({@code authentik-http} with HTTP-Basic forwarding), and a router for its
 * {@code /outpost.goauthentik.io/} paths at {@link TraefikConfig#outpostRouterPriority()}, above the app's router (the
 * same router {@code /traefik/dynamic-config} serves; either one is enough).
 */
public final class ContainerLabels {

    private ContainerLabels() {
    }

    /** An app whose own HTTP-Basic login authentik fills in. */
    public static Map<String, String> forBasicAuthApp(ProtectedHost host, TraefikConfig config) {
        return labels(host, config, "authentik-http");
    }

    /** An app behind sign-in only. */
    public static Map<String, String> forForwardAuthApp(ProtectedHost host, TraefikConfig config) {
        return labels(host, config, "authentik");
    }

    private static Map<String, String> labels(ProtectedHost host, TraefikConfig config, String chain) {
        String ns = config.providerNamespace();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("traefik.enable", "true");
        labels.put("traefik.http.routers." + host.slug() + ".rule", "Host(`" + host.host() + "`)");
        labels.put("traefik.http.routers." + host.slug() + ".middlewares", chain + "@" + ns);
        String outpost = "traefik.http.routers." + host.outpostRouter();
        labels.put(outpost + ".rule", host.outpostRule());
        labels.put(outpost + ".priority", String.valueOf(config.outpostRouterPriority()));
        labels.put(outpost + ".service", DynamicConfig.OUTPOST_SERVICE + "@" + ns);
        if (host.https()) {
            labels.put("traefik.http.routers." + host.slug() + ".tls", "true");
            labels.put(outpost + ".tls", "true");
        }
        return labels;
    }
}
