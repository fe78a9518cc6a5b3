package io.github.authentikprovisioner.mail;

import com.fasterxml.jackson.annotation.JsonValue;

/** How the SMTP connection is secured, named as answers show it: none, starttls ({@code USE_TLS}), ssl ({@code USE_SSL}). */
public enum TlsMode {
    NONE,
    STARTTLS,
    SSL;

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
