package io.github.authentikprovisioner.outposthealth;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The verdict of one outpost check: {@code unhealthy} while a protected host is not protected or not reachable
 * through its outpost, {@code degraded} while something will break or is slower to converge than it should be,
 * {@code unknown} before the first check and while authentik does not answer.
 */
public enum HealthStatus {
    HEALTHY, DEGRADED, UNHEALTHY, UNKNOWN;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
