package io.github.authentikprovisioner.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Objects;

import jakarta.annotation.Priority;

import org.jboss.logging.Logger;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;

/**
 * Every {@code AUTHENTIK_*} variable this service reads, resolved as authentik resolves it ({@link AuthentikValues}):
 * {@code AUTHENTIK_EMAIL__PASSWORD=file:///run/secrets/smtp} is the file's content here as it is for authentik,
 * not the literal text, and so are {@code AUTHENTIK_TOKEN}, {@code AUTHENTIK_SERVICE_TOKEN}, the URLs and the
 * numbers. One mechanism for all of them, below the typed configuration: a variable is met either under its own name
 * (the {@code ${AUTHENTIK_EMAIL__HOST:}} expressions of {@code application.properties}) or under the property it
 * sets ({@code authentik.token} from {@code AUTHENTIK_TOKEN}); both pass here. A property whose value was written in
 * {@code application.properties} is left alone.
 *
 * <p>Runs after the expression interceptor ({@link Priorities#LIBRARY} + 300), so it sees the names expressions look
 * up. Registered in {@code META-INF/services}, which Quarkus also honours in native executables. Reads the file on
 * every lookup, holds no value, logs no value.
 */
@Priority(Priorities.LIBRARY + 200)
public class AuthentikValueInterceptor implements ConfigSourceInterceptor {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(AuthentikValueInterceptor.class);
    private static final String PREFIX = "AUTHENTIK";

    private final transient AuthentikValues values = new AuthentikValues(System::getenv,
            path -> Files.readString(path, StandardCharsets.UTF_8), LOG::error);

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (value == null || value.getValue() == null) {
            return value;
        }
        String variable = variable(context, name, value);
        if (variable == null) {
            return value;
        }
        return values.resolve(variable, value.getValue()).map(value::withValue).orElse(null);
    }

    /**
     * The {@code AUTHENTIK_*} variable {@code value} is the value of, or null: {@code name} itself when it is one,
     * else the variable of property {@code name} when that variable gave the value (same source, same text).
     */
    private static String variable(ConfigSourceInterceptorContext context, String name, ConfigValue value) {
        if (name.startsWith(PREFIX)) {
            return name;
        }
        if (!name.toLowerCase(Locale.ROOT).startsWith(PREFIX.toLowerCase(Locale.ROOT) + ".")) {
            return null;
        }
        String variable = name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        ConfigValue direct = context.proceed(variable);
        boolean same = direct != null && Objects.equals(direct.getValue(), value.getValue())
                && Objects.equals(direct.getConfigSourceName(), value.getConfigSourceName());
        return same ? variable : null;
    }
}
