package io.github.authentikprovisioner.emulator;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The rules of {@code crypto/certificatekeypairs}: CertificateKeyPairSerializer and its viewset
 * (authentik/crypto/api.py). No certificate is real here: the fields read from one are fixed placeholders.
 */
final class CertificateRules {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CertificateRules() {
    }

    /** The certificates authentik creates in code (not from a blueprint): its self-signed one and its JWT one. */
    static List<ObjectNode> createdAtStart() {
        return List.of(JSON.createObjectNode().put("name", "authentik Self-signed Certificate"),
                JSON.createObjectNode().put("name", "authentik Internal JWT Certificate")
                        .put("managed", "goauthentik.io/crypto/jwt-managed"));
    }

    /** The JWT certificate authentik manages is not served by its viewset (authentik/crypto/api.py queryset). */
    static boolean managedJwt(ObjectNode o) {
        return "goauthentik.io/crypto/jwt-managed".equals(o.path("managed").asText());
    }

    /** What the serializer reads from the certificate and its key, as placeholders; the download URLs. */
    static void answerFields(Renderer r, ObjectNode stored, ObjectNode o) {
        o.put("fingerprint_sha256", "00:11:22:33");
        o.put("fingerprint_sha1", "00:11:22");
        o.put("cert_expiry", "2027-01-01T00:00:00Z");
        o.put("cert_subject", "OU=Self-signed,O=authentik,CN=authentik Self-signed Certificate");
        o.put("private_key_available", true);
        o.put("key_type", "rsa");
        o.put("certificate_download_url", "/api/v3/crypto/certificatekeypairs/" + stored.get("pk").asText()
                + "/view_certificate/?download");
        o.put("private_key_download_url", "/api/v3/crypto/certificatekeypairs/" + stored.get("pk").asText()
                + "/view_private_key/?download");
    }
}
