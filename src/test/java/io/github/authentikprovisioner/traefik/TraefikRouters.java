package io.github.authentikprovisioner.traefik;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Traefik routers as Traefik ranks them: by priority, where a router without one (or with 0) has the length of its
 * rule (Traefik docs, "Rules &amp; Priority", Priority Calculation: "The priority is directly equal to the length of
 * the rule"; "A value of 0 for the priority is ignored"), the highest first.
 */
final class TraefikRouters {

    static final String OUTPOST_PREFIX = "PathPrefix(`/outpost.goauthentik.io/`)";
    private static final Pattern HOST = Pattern.compile("Host\\(`([^`]+)`\\)");
    private static final Pattern LABEL = Pattern.compile("traefik\\.http\\.routers\\.([^.\\s]+)\\.(rule|priority|middlewares)"
            + "\\s*[=:]\\s*\"?(.+?)\"?\\s*$");

    record Router(String source, String name, String rule, long priority, String middlewares) {

        long effectivePriority() {
            return priority != 0 ? priority : rule.length();
        }

        boolean outpost() {
            return rule.contains(OUTPOST_PREFIX);
        }

        Set<String> hosts() {
            Set<String> out = new LinkedHashSet<>();
            Matcher m = HOST.matcher(rule);
            while (m.find()) {
                out.add(m.group(1).toLowerCase(java.util.Locale.ROOT));
            }
            return out;
        }
    }

    private TraefikRouters() {
    }

    /** The routers of a dynamic configuration document ({@code http.routers}). */
    static List<Router> of(JsonNode dynamicConfig, String source) {
        List<Router> out = new ArrayList<>();
        dynamicConfig.path("http").path("routers").properties().forEach(e -> out.add(new Router(source, e.getKey(),
                e.getValue().path("rule").asText(), e.getValue().path("priority").asLong(0),
                e.getValue().path("middlewares").toString())));
        return out;
    }

    /** The routers that Docker labels (a map, or lines of {@code key=value} / {@code key: value}) define. */
    static List<Router> ofLabels(Map<String, String> labels, String source) {
        List<String> lines = new ArrayList<>();
        labels.forEach((k, v) -> lines.add(k + "=" + v));
        return ofLabelLines(lines, source);
    }

    static List<Router> ofLabelLines(Collection<String> lines, String source) {
        Map<String, Map<String, String>> byName = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher m = LABEL.matcher(line.strip());
            if (m.find()) {
                byName.computeIfAbsent(m.group(1), k -> new LinkedHashMap<>()).put(m.group(2), m.group(3));
            }
        }
        List<Router> out = new ArrayList<>();
        byName.forEach((name, fields) -> {
            if (fields.containsKey("rule")) {
                out.add(new Router(source, name, fields.get("rule"),
                        Long.parseLong(fields.getOrDefault("priority", "0")), fields.getOrDefault("middlewares", "")));
            }
        });
        return out;
    }

    /**
     * Why Traefik would not send a host's {@code /outpost.goauthentik.io/} paths to the outpost: for every host with an
     * outpost router, every other router of that host must rank strictly lower; and every router behind authentik's
     * forwardAuth chains must have an outpost router for its host. Empty when every host is right.
     */
    static List<String> problems(Collection<Router> routers) {
        List<String> out = new ArrayList<>();
        Map<String, List<Router>> byHost = new LinkedHashMap<>();
        for (Router r : routers) {
            r.hosts().forEach(h -> byHost.computeIfAbsent(h, k -> new ArrayList<>()).add(r));
        }
        byHost.forEach((host, list) -> {
            List<Router> outposts = list.stream().filter(Router::outpost).toList();
            for (Router other : list) {
                if (outposts.isEmpty() && other.middlewares().matches("(?s).*\\bauthentik(-http)?@.*")) {
                    out.add(host + ": " + other.source() + " router '" + other.name()
                            + "' is behind forward auth, but no router sends its outpost paths to the outpost");
                }
                if (other.outpost()) {
                    continue;
                }
                for (Router outpost : outposts) {
                    if (outpost.effectivePriority() <= other.effectivePriority()) {
                        out.add(host + ": " + other.source() + " router '" + other.name() + "' (priority "
                                + other.effectivePriority() + ") outranks or ties " + outpost.source() + " router '"
                                + outpost.name() + "' (priority " + outpost.effectivePriority() + ")");
                    }
                }
            }
        });
        return out;
    }
}
