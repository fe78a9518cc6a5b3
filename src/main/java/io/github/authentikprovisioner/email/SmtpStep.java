package io.github.authentikprovisioner.email;

import com.fasterxml.jackson.annotation.JsonValue;

/** The steps of sending an email, in order, naming where a test email failed. */
public enum SmtpStep {
    /** TCP connection and the server's greeting (or no answer in time). */
    CONNECT,
    /** TLS from the first byte, or STARTTLS. */
    TLS,
    /** Login. */
    AUTH,
    /** Sender, recipients and message. */
    SEND;

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
