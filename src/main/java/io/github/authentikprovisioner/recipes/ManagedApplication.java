package io.github.authentikprovisioner.recipes;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.NotFoundException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.reconcile.Conflict;
import io.github.authentikprovisioner.authentik.AuthentikObjects;
import io.github.authentikprovisioner.authentik.Kind;

/**
 * An application this service manages, as authentik answers it: one whose {@code meta_publisher} is ours
 * ({@link Managed#PUBLISHER}), the mark every app recipe writes. The one place that reads the mark.
 *
 * @param object the application as authentik answers it
 */
public record ManagedApplication(ObjectNode object) {

    /** Whether {@code application} carries this service's mark. */
    public static boolean isOurs(JsonNode application) {
        return Managed.PUBLISHER.equals(application.path("meta_publisher").asText());
    }

    /** Every application this service manages; applications hidden by policies included (superuser_full_list). */
    public static List<ManagedApplication> list(AuthentikObjects session) {
        return session.list(Kind.APPLICATION, Map.of("meta_publisher", Managed.PUBLISHER, "superuser_full_list", "true"))
                .stream().filter(ManagedApplication::isOurs).map(ManagedApplication::new).toList();
    }

    /** The application {@code slug} if this service manages it. */
    public static Optional<ManagedApplication> find(AuthentikObjects session, String slug) {
        return session.get(Kind.APPLICATION, slug).filter(ManagedApplication::isOurs).map(ManagedApplication::new);
    }

    /**
     * The application {@code slug}: 404 when authentik has none, 409 when it is not this service's; {@code otherwise}
     * says what to do then.
     */
    public static ManagedApplication require(AuthentikObjects session, String slug, String otherwise) {
        ObjectNode app = session.get(Kind.APPLICATION, slug)
                .orElseThrow(() -> new NotFoundException("authentik has no application '" + slug + "'"));
        if (!isOurs(app)) {
            throw Conflict.of("application '" + slug + "' was not created by " + Managed.PUBLISHER
                    + " (its meta_publisher is not '" + Managed.PUBLISHER + "'); " + otherwise);
        }
        return new ManagedApplication(app);
    }

    public String slug() {
        return object.path("slug").asText();
    }

    public String name() {
        return object.path("name").asText();
    }

    public String pk() {
        return object.path("pk").asText();
    }

    /** The pk of its provider; empty when it has none. */
    public Optional<String> providerPk() {
        JsonNode pk = object.get("provider");
        return pk == null || pk.isNull() ? Optional.empty() : Optional.of(pk.asText());
    }

    /** Its provider as the application renders it ({@code provider_obj}); a missing node when it has none. */
    public JsonNode provider() {
        return object.path("provider_obj");
    }
}
