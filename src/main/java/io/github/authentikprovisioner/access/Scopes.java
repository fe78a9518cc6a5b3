package io.github.authentikprovisioner.access;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a client may do, as roles of its Quarkus {@code SecurityIdentity}: {@link #ADMIN} everything, {@link #READ}
 * every GET, {@link #TRAEFIK} the dynamic configuration, {@link #INVITATIONS} invitations, and {@code apps/<type>/<slug>}
 * one app's create/converge and read ({@link #app}).
 */
public final class Scopes {

    /** Everything: what the single token of earlier versions could do ({@code PROVISIONER_API_TOKEN}). */
    public static final String ADMIN = "admin";
    /** Every GET. */
    public static final String READ = "read";
    /** {@code GET /traefik/dynamic-config} only: what Traefik's HTTP provider needs. */
    public static final String TRAEFIK = "traefik";
    /** Create, list and delete invitations. */
    public static final String INVITATIONS = "invitations";
    /** The app types an {@code apps/<type>/<slug>} scope names. */
    public static final List<String> APP_TYPES = List.of("oidc", "servarr", "protected");

    private static final Pattern APP = Pattern.compile("apps/(oidc|servarr|protected)/[-a-zA-Z0-9_]+");

    private Scopes() {
    }

    /** The scope of one app: its POST/PUT and GET, nothing else. */
    public static String app(String type, String slug) {
        return "apps/" + type + "/" + slug;
    }

    /** Whether {@code scope} is one a client may be given. */
    public static boolean known(String scope) {
        return Set.of(ADMIN, READ, TRAEFIK, INVITATIONS).contains(scope) || APP.matcher(scope).matches();
    }
}
