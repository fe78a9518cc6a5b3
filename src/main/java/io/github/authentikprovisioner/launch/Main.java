package io.github.authentikprovisioner.launch;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The entry point of the service, on the JVM and in the native executable. {@code healthcheck} as the only argument
 * asks the service already running in this container whether it is up ({@link HealthCheck}) and exits, without
 * starting Quarkus: Docker's healthcheck needs a command the image contains, and the native image holds no shell or
 * curl. Any other arguments start the service as usual.
 *
 * <p>Public, as the JVM and Quarkus' launcher require of a main class.
 */
@QuarkusMain
public final class Main {

    private Main() {
    }

    public static void main(String... args) {
        if (args.length == 1 && HealthCheck.COMMAND.equals(args[0])) {
            System.exit(HealthCheck.fromEnvironment(System.getenv(), System.getProperties()).run(System.err));
        }
        Quarkus.run(args);
    }
}
