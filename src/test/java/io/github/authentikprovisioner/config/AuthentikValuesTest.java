package io.github.authentikprovisioner.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** authentik/lib/config.py, update_from_env and parse_uri, without Quarkus. */
class AuthentikValuesTest {

    private final List<String> errors = new ArrayList<>();
    private final Map<String, String> env = Map.of("SMTP_PASSWORD", "from-env");

    private AuthentikValues values() {
        return new AuthentikValues(env::get, path -> Files.readString(path, StandardCharsets.UTF_8), errors::add);
    }

    @Test
    void jsonIsDecodedAndPrintedAsPythonPrintsIt() {
        AuthentikValues v = values();
        assertThat(v.resolve("AUTHENTIK_EMAIL__PASSWORD", "\"quoted secret\"")).contains("quoted secret");
        assertThat(v.resolve("AUTHENTIK_EMAIL__PORT", "587")).contains("587");
        assertThat(v.resolve("AUTHENTIK_EMAIL__USE_TLS", "true")).as("str(True)").contains("True");
        assertThat(v.resolve("AUTHENTIK_EMAIL__PASSWORD", "1e3")).as("str(1000.0)").contains("1000.0");
        assertThat(v.resolve("AUTHENTIK_EMAIL__PASSWORD", "null")).as("None: no value").isEmpty();
        assertThat(v.resolve("AUTHENTIK_EMAIL__PASSWORD", "0123")).as("not JSON: kept").contains("0123");
        assertThat(v.resolve("AUTHENTIK_EMAIL__PASSWORD", "12 34")).as("extra data: not JSON").contains("12 34");
        assertThat(v.resolve("AUTHENTIK_EMAIL__PASSWORD", "")).contains("");
        assertThat(v.resolve("AUTHENTIK_EMAIL__PASSWORD", "s3cret:with-colon")).contains("s3cret:with-colon");
        assertThat(v.resolve("AUTHENTIK_URL", "https://auth.example.com")).contains("https://auth.example.com");
    }

    @Test
    void floatsArePrintedAsPythonsRepr() {
        assertThat(AuthentikValues.pythonRepr(1e16)).isEqualTo("1e+16");
        assertThat(AuthentikValues.pythonRepr(1e15)).isEqualTo("1000000000000000.0");
        assertThat(AuthentikValues.pythonRepr(0.0001)).isEqualTo("0.0001");
        assertThat(AuthentikValues.pythonRepr(0.00001)).isEqualTo("1e-05");
        assertThat(AuthentikValues.pythonRepr(-2.5)).isEqualTo("-2.5");
        assertThat(AuthentikValues.pythonRepr(123.456e20)).isEqualTo("1.23456e+22");
        assertThat(AuthentikValues.pythonRepr(0.1)).isEqualTo("0.1");
        assertThat(AuthentikValues.pythonRepr(-0.0)).isEqualTo("-0.0");
    }

    @Test
    void envUrisReadTheNamedVariableWithTheQueryAsDefault() {
        AuthentikValues v = values();
        assertThat(v.resolve("AUTHENTIK_EMAIL__PASSWORD", "env://SMTP_PASSWORD")).contains("from-env");
        assertThat(v.resolve("AUTHENTIK_EMAIL__PASSWORD", "env://UNSET?fallback")).contains("fallback");
        assertThat(v.resolve("AUTHENTIK_EMAIL__PASSWORD", "env://UNSET")).contains("");
        assertThat(v.resolve("AUTHENTIK_EMAIL__PASSWORD", "\"env://SMTP_PASSWORD\"")).as("a JSON string too")
                .contains("from-env");
    }

    @Test
    void fileUrisReadTheFileStrippedAsPythonStripsIt(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("smtp");
        Files.writeString(secret, "  line one\r\nline two\u00a0\n\n", StandardCharsets.UTF_8);
        AuthentikValues v = values();
        assertThat(v.resolve("AUTHENTIK_EMAIL__PASSWORD", "file://" + secret)).contains("line one\nline two");
        assertThat(v.resolve("AUTHENTIK_EMAIL__PASSWORD", "FILE:" + secret)).as("scheme in any case, no //")
                .contains("line one\nline two");
        assertThat(errors).isEmpty();
    }

    @Test
    void anUnreadableFileIsLoggedByPathAndTheQueryIsTheValue() {
        AuthentikValues v = new AuthentikValues(env::get, path -> {
            throw new NoSuchFileException(path.toString());
        }, errors::add);
        assertThat(v.resolve("AUTHENTIK_EMAIL__PASSWORD", "file:///run/secrets/missing?fallback-value"))
                .contains("fallback-value");
        assertThat(v.resolve("AUTHENTIK_EMAIL__PASSWORD", "file:///run/secrets/missing")).contains("");
        assertThat(errors).hasSize(2).allMatch(e -> e.contains("/run/secrets/missing")
                && e.contains("AUTHENTIK_EMAIL__PASSWORD") && !e.contains("fallback-value"));
    }

    @Test
    void pythonsUrlparseSplitsWhereParseUriLooks() {
        assertThat(AuthentikValues.PyUrl.parse("file://run/secrets/x").path()).as("'run' is the netloc")
                .isEqualTo("/secrets/x");
        assertThat(AuthentikValues.PyUrl.parse(" env://NAME?d#frag")).isEqualTo(
                new AuthentikValues.PyUrl("env", "NAME", "", "d"));
        assertThat(AuthentikValues.PyUrl.parse("p@ss:word").scheme()).isEmpty();
        assertThat(AuthentikValues.PyUrl.parse("1abc:x").scheme()).as("a scheme starts with a letter").isEmpty();
    }

    /** The interceptor in a SmallRye chain: a variable under its own name, and under the property it sets. */
    @Test
    void theInterceptorResolvesVariablesInExpressionsAndPropertiesButNotWrittenProperties(@TempDir Path dir)
            throws IOException {
        Path secret = dir.resolve("token");
        Files.writeString(secret, "token-from-file\n", StandardCharsets.UTF_8);
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withInterceptors(new AuthentikValueInterceptor())
                .withSources(new PropertiesConfigSource(Map.of(
                        "authentik.email.password", "${AUTHENTIK_EMAIL__PASSWORD:}",
                        "authentik.other", "file://" + secret), "application.properties", 250))
                .withSources(new PropertiesConfigSource(Map.of(
                        "AUTHENTIK_EMAIL__PASSWORD", "file://" + secret,
                        "AUTHENTIK_TOKEN", "file://" + secret,
                        "authentik.token", "file://" + secret), "environment", 300))
                .build();
        assertThat(config.getValue("authentik.email.password", String.class)).isEqualTo("token-from-file");
        assertThat(config.getValue("authentik.token", String.class)).isEqualTo("token-from-file");
        assertThat(config.getValue("authentik.other", String.class)).as("not a variable")
                .isEqualTo("file://" + secret);
    }
}
