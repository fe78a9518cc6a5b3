package io.github.authentikprovisioner.traefik;

import java.net.URI;

/**
 * A host protected by single-application forward auth: Traefik must send its {@code /outpost.goauthentik.io/}
 * paths to the outpost so the login callback reaches it.
 *
 * @param slug the application's slug, used to name the Traefik router
 * @param externalHost the provider's external host, e.g. {@code https://prowlarr.example.com}
 */
public record ProtectedHost(String slug, String externalHost) {

    public String host() {
        return URI.create(externalHost).getHost();
    }

    public boolean https() {
        return externalHost.regionMatches(true, 0, "https:", 0, 6);
    }

    /** Name of the router that sends this host's outpost paths to the outpost. */
    public String outpostRouter() {
        return slug + "-outpost";
    }

    /** The Traefik rule of that router. */
    public String outpostRule() {
        return "Host(`" + host() + "`) && PathPrefix(`/outpost.goauthentik.io/`)";
    }
}
