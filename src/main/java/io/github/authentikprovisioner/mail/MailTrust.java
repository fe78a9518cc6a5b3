package io.github.authentikprovisioner.mail;

import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * Which certificates the SMTP server may present, beyond what authentik's own settings say.
 *
 * <p>authentik's Django backend checks the server's certificate with Python's {@code ssl.create_default_context()},
 * that is with the CAs of its container's OpenSSL (and {@code SSL_CERT_FILE} when set); this service checks it with
 * the JVM's trust store, which knows public CAs only. A mail server with a certificate of a private CA therefore
 * needs the same CA here: {@link #caBundle()}.
 */
@ConfigMapping(prefix = "provisioner.mail")
public interface MailTrust {

    /**
     * A PEM file of the CA certificates to trust for SMTP over TLS ({@code PROVISIONER_MAIL_CA_BUNDLE}), e.g. the
     * private CA of the mail server: when set, it replaces the JVM's trust store for SMTP, as {@code SSL_CERT_FILE}
     * replaces OpenSSL's for authentik; host names are still checked. Unset: the JVM's trust store.
     */
    Optional<Path> caBundle();
}
