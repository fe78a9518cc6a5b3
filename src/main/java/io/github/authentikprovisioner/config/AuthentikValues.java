package io.github.authentikprovisioner.config;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.github.authentikprovisioner.reconcile.PythonText;

/**
 * One {@code AUTHENTIK_*} value read the way authentik's config loader reads it (authentik/lib/config.py, 2026.2.2),
 * so that a setting this service shares with authentik means the same to both:
 * <ol>
 * <li>{@code update_from_env}: the variable's value is JSON-decoded when it is JSON ({@code json.loads}; anything
 * else stays the string it is): {@code "\"secret\""} is {@code secret}, {@code 587} a number, {@code true} a
 * boolean, {@code null} no value. A number or boolean is used as Python prints it ({@code str()}: {@code True},
 * {@code 1000.0} for {@code 1e3}), as Django then hands it on.</li>
 * <li>{@code parse_uri}, for a value that is (still) a string: {@code urlparse}; scheme {@code env} reads the
 * variable named by the netloc, the query being its default ({@code os.getenv(netloc, query)}); scheme
 * {@code file} reads the file at the path (UTF-8, newlines universal) and strips it with Python's
 * {@code str.strip()}; a file that cannot be read is logged ("Failed to read config value from …") and the query
 * is the value, empty without one. Neither result is JSON-decoded again. Any other value is kept as it is.</li>
 * </ol>
 * A JSON object or array (authentik would nest an object into its config tree) is kept as the text it is. Values are
 * never logged, only the variable's name and a file's path.
 */
final class AuthentikValues {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Reads a file's text, as {@code open(path, encoding="utf8").read()}. */
    interface Files {
        String read(Path path) throws IOException;
    }

    private final UnaryOperator<String> environment;
    private final Files files;
    private final Consumer<String> errors;

    /**
     * @param environment the process environment ({@code System::getenv}), null for an unset variable
     * @param errors where a file that cannot be read is reported (never a value)
     */
    AuthentikValues(UnaryOperator<String> environment, Files files, Consumer<String> errors) {
        this.environment = environment;
        this.files = files;
        this.errors = errors;
    }

    /** The value of variable {@code name} set to {@code raw}; empty when it decodes to JSON {@code null}. */
    Optional<String> resolve(String name, String raw) {
        return jsonDecoded(raw).map(d -> d.string() ? parseUri(name, d.text()) : d.text());
    }

    /**
     * {@code json.loads(raw)} printed back with {@code str()}, or {@code raw} itself when it is not JSON; whether the
     * result is a Python string (then {@code parse_uri} reads it); empty for JSON {@code null}.
     */
    static Optional<Decoded> jsonDecoded(String raw) {
        JsonNode node;
        try {
            node = JSON.readTree(raw);
        } catch (JsonProcessingException e) {
            return Optional.of(new Decoded(raw, true));
        }
        if (node == null || node.isMissingNode()) {
            return Optional.of(new Decoded(raw, true)); // blank: json.loads("") is a JSONDecodeError
        }
        if (node.isNull()) {
            return Optional.empty();
        }
        if (node.isTextual()) {
            return Optional.of(new Decoded(node.asText(), true));
        }
        if (node.isBoolean()) {
            return Optional.of(new Decoded(node.asBoolean() ? "True" : "False", false));
        }
        if (node.isIntegralNumber()) {
            return Optional.of(new Decoded(node.bigIntegerValue().toString(), false));
        }
        if (node.isNumber()) {
            return Optional.of(new Decoded(pythonRepr(node.doubleValue()), false));
        }
        return Optional.of(new Decoded(raw, false)); // an object or array: kept as written
    }

    /** A decoded value as text, and whether Python holds it as a string. */
    record Decoded(String text, boolean string) {
    }

    /** authentik's {@code parse_uri}. */
    private String parseUri(String name, String value) {
        PyUrl url = PyUrl.parse(value);
        if (url.scheme().equals("env")) {
            String set = environment.apply(url.netloc());
            return set != null ? set : url.query();
        }
        if (url.scheme().equals("file")) {
            try {
                String text = files.read(Path.of(url.path()));
                return PythonText.strip(text.replace("\r\n", "\n").replace('\r', '\n'));
            } catch (IOException | RuntimeException e) {
                errors.accept("Failed to read config value of " + name + " from " + url.path() + ": "
                        + e.getClass().getSimpleName());
                return url.query();
            }
        }
        return value;
    }

    /** Python's {@code repr(float)}: the shortest digits, in exponent form below 1e-4 and from 1e16 on. */
    static String pythonRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = exact.unscaledValue().toString();
        int decpt = digits.length() - exact.scale(); // value = 0.<digits> × 10^decpt
        String sign = d < 0 ? "-" : "";
        if (decpt <= -4 || decpt > 16) {
            int exp = decpt - 1;
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        if (decpt <= 0) {
            return sign + "0." + "0".repeat(-decpt) + digits;
        }
        if (decpt >= digits.length()) {
            return sign + digits + "0".repeat(decpt - digits.length()) + ".0";
        }
        return sign + digits.substring(0, decpt) + "." + digits.substring(decpt);
    }

    /**
     * The parts of Python's {@code urllib.parse.urlparse} that {@code parse_uri} reads (3.11+: leading C0 controls
     * and spaces dropped, tab and newlines removed; a scheme only of letters, digits, {@code +-.} starting with a
     * letter, lower-cased; the netloc after {@code //} up to {@code /?#}; the fragment, then the query split off).
     */
    record PyUrl(String scheme, String netloc, String path, String query) {

        static PyUrl parse(String raw) {
            String url = raw.replace("\t", "").replace("\r", "").replace("\n", "");
            int start = 0;
            while (start < url.length() && url.charAt(start) <= ' ') {
                start++;
            }
            url = url.substring(start);
            String scheme = "";
            int colon = url.indexOf(':');
            if (colon > 0 && url.charAt(0) < 0x80 && Character.isLetter(url.charAt(0))
                    && url.substring(0, colon).chars().allMatch(PyUrl::schemeChar)) {
                scheme = url.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
                url = url.substring(colon + 1);
            }
            String netloc = "";
            if (url.startsWith("//")) {
                int end = url.length();
                for (char c : new char[] {'/', '?', '#'}) {
                    int i = url.indexOf(c, 2);
                    if (i >= 0) {
                        end = Math.min(end, i);
                    }
                }
                netloc = url.substring(2, end);
                url = url.substring(end);
            }
            int hash = url.indexOf('#');
            if (hash >= 0) {
                url = url.substring(0, hash);
            }
            String query = "";
            int q = url.indexOf('?');
            if (q >= 0) {
                query = url.substring(q + 1);
                url = url.substring(0, q);
            }
            return new PyUrl(scheme, netloc, url, query);
        }

        private static boolean schemeChar(int c) {
            return c < 0x80 && (Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.');
        }
    }
}
