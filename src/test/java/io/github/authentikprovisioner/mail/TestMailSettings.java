package io.github.authentikprovisioner.mail;

import java.util.Map;
import java.util.Optional;

/** {@link MailSettings} without a config source, for plain tests of what reads them. */
public final class TestMailSettings {

    private TestMailSettings() {
    }

    /** Settings for smtp.example.com:25 with the given keys (username, password, tls, ssl, timeout). */
    public static MailSettings of(Map<String, String> values) {
        return new MailSettings() {
            @Override
            public Optional<String> host() {
                return Optional.of("smtp.example.com");
            }

            @Override
            public int port() {
                return 25;
            }

            @Override
            public Optional<String> username() {
                return Optional.ofNullable(values.get("username"));
            }

            @Override
            public Optional<String> password() {
                return Optional.ofNullable(values.get("password"));
            }

            @Override
            public String useTls() {
                return values.getOrDefault("tls", "false");
            }

            @Override
            public String useSsl() {
                return values.getOrDefault("ssl", "false");
            }

            @Override
            public String from() {
                return "authentik@example.com";
            }

            @Override
            public int timeout() {
                return Integer.parseInt(values.getOrDefault("timeout", "10"));
            }
        };
    }
}
