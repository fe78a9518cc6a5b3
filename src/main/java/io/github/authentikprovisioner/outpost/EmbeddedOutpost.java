package io.github.authentikprovisioner.outpost;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.authentikprovisioner.authentik.AuthentikObjects;
import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.reconcile.Desired;
import io.github.authentikprovisioner.reconcile.Field;
import io.github.authentikprovisioner.reconcile.Key;
import io.github.authentikprovisioner.reconcile.Ref;

/**
 * Desired state of authentik's embedded outpost, the one every forward-auth provider must be assigned to.
 *
 * <p>The outpost's provider list and config are shared by every recipe, so they are expressed as "contains" and
 * "has entries": the engine reads the outpost, adds what is missing, PATCHes the whole list under a per-object lock
 * and reads it back to verify, so concurrent recipes never drop each other's providers. {@code config} is PATCHed
 * as a whole too (authentik replaces it), keeping every key but {@code authentik_host}.
 */
public final class EmbeddedOutpost {

    /** The {@code managed} id authentik gives its embedded outpost. */
    public static final String MANAGED = "goauthentik.io/outposts/embedded";
    /** Its fixed name, used in answers. */
    public static final String NAME = "authentik Embedded Outpost";
    public static final Key KEY = Key.of("managed", MANAGED);
    private static final Map<String, String> KEY_FIELDS = Map.of("managed", MANAGED);

    private EmbeddedOutpost() {
    }

    /** The outpost serves {@code providers} (others stay) and knows authentik's public URL. */
    public static Desired.Present serving(List<Ref> providers, String publicUrl) {
        return new Desired.Present(Kind.OUTPOST, KEY, NAME, Map.of(
                "providers", Field.includes(providers),
                "config", Field.entries(Map.of("authentik_host", publicUrl))));
    }

    /**
     * The outpost serves {@code providers}, which back {@code applications}: as {@link #serving(List, String)}, and
     * saved again when this plan created or changed one of the applications. authentik sends an outpost an update when
     * the outpost or a provider on it is saved (authentik/outposts/signals.py), never when an application is
     * (authentik/core/signals.py only clears a cache), and the outpost loads only providers that back an application
     * (authentik/providers/proxy/api.py): without this save, a re-created or re-pointed application stays unserved
     * until the outpost's next refresh, every refresh interval (5 minutes by default).
     */
    public static Desired.Present serving(List<Ref> providers, String publicUrl, List<Ref> applications) {
        return serving(providers, publicUrl).resavedAfter(applications);
    }

    /** The outpost saved as it is, so it reloads its configuration now (authentik/outposts/signals.py). */
    public static Desired.Present reloaded() {
        return new Desired.Present(Kind.OUTPOST, KEY, NAME, Map.of()).existing().resavedAnyway();
    }

    /** The pks of the providers the embedded outpost serves now (one read); empty when there is no such outpost. */
    public static Set<String> served(AuthentikObjects authentik) {
        Set<String> served = new HashSet<>();
        authentik.find(Kind.OUTPOST, KEY_FIELDS).ifPresent(o -> o.path("providers").forEach(p -> served.add(p.asText())));
        return served;
    }

    /** The outpost no longer serves {@code providers}; others stay. */
    public static Desired.Present notServing(List<Ref> providers) {
        return new Desired.Present(Kind.OUTPOST, KEY, NAME, Map.of("providers", Field.excludes(providers)));
    }
}
