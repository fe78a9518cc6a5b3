package io.github.authentikprovisioner.outposthealth;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.authentikprovisioner.outpost.EmbeddedOutpost;
import io.github.authentikprovisioner.recipes.ManagedApplication;

/**
 * What one check read from authentik, as small typed views: the outposts, the proxy providers that back an
 * application (the only ones an outpost is sent: authentik/providers/proxy/api.py {@code ProxyProviderViewSet}
 * filters {@code application__isnull=False}), the applications this service manages, and each outpost's instances.
 */
record Observed(List<Outpost> outposts, List<Provider> providers, Set<String> managedApplications,
        Map<String, List<Heartbeat>> instances) {

    /** An outpost: its pk (uuid), the pks of the providers it lists, and its config's hosts. */
    record Outpost(String pk, String name, String type, String managed, Set<String> providers, String authentikHost,
            String authentikHostBrowser) {

        boolean embedded() {
            return EmbeddedOutpost.MANAGED.equals(managed);
        }

        static Outpost of(JsonNode o) {
            Set<String> providers = new LinkedHashSet<>();
            o.path("providers").forEach(p -> providers.add(p.asText()));
            JsonNode config = o.path("config");
            return new Outpost(o.path("pk").asText(), o.path("name").asText(), o.path("type").asText(),
                    o.path("managed").isNull() ? null : o.path("managed").asText(null), providers,
                    config.path("authentik_host").asText(""), config.path("authentik_host_browser").asText(""));
        }
    }

    /** A proxy provider and the application it backs. */
    record Provider(String pk, String name, String mode, URI externalHost, String cookieDomain, String skipPathRegex,
            String application) {

        boolean forward() {
            return "forward_single".equals(mode) || "forward_domain".equals(mode);
        }

        /** Empty when the provider backs no application: the outpost is not sent it at all. */
        static java.util.Optional<Provider> of(JsonNode p) {
            String app = p.path("assigned_application_slug").asText("");
            if (app.isEmpty()) {
                return java.util.Optional.empty();
            }
            URI external;
            try {
                external = new URI(p.path("external_host").asText(""));
            } catch (java.net.URISyntaxException e) {
                external = URI.create("invalid://" + p.path("pk").asText());
            }
            return java.util.Optional.of(new Provider(p.path("pk").asText(), p.path("name").asText(),
                    p.path("mode").asText("proxy"), external, p.path("cookie_domain").asText(""),
                    p.path("skip_path_regex").asText(""), app));
        }

        /** What the outpost's view of this provider depends on: a change means it has to refresh. */
        String fingerprint(List<String> outposts) {
            return String.join("\n", mode, externalHost.toString(), cookieDomain, skipPathRegex, application,
                    String.join(",", outposts));
        }
    }

    /**
     * One outpost instance as the health endpoint lists it: {@code uid} is the instance's own, new for every outpost
     * process (internal/outpost/ak/api.go {@code instanceUUID}).
     */
    record Heartbeat(String uid, String hostname, String version, Instant lastSeen, boolean versionOutdated) {

        Heartbeat(String hostname, String version, Instant lastSeen, boolean versionOutdated) {
            this("", hostname, version, lastSeen, versionOutdated);
        }

        static Heartbeat of(JsonNode i) {
            return new Heartbeat(i.path("uid").asText(""), i.path("hostname").asText(""),
                    i.path("version").asText(""), instant(i.path("last_seen").asText("")),
                    i.path("version_outdated").asBoolean(false));
        }

        /**
         * Listed although its state expired: authentik lists the keys of its cache table, expired rows included, and
         * reads each with {@code {"uid": uid}} as the default, so such an instance comes once with
         * {@code last_seen: null} before the read deletes its row (authentik/outposts/models.py
         * {@code OutpostState.for_outpost}, packages/django-postgres-cache {@code keys}).
         */
        boolean expired() {
            return lastSeen == null;
        }
    }

    /** A DRF date-time: with an offset, or naive UTC (authentik runs in UTC; consumer.py stores datetime.now()). */
    static Instant instant(String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return java.time.LocalDateTime.parse(text).toInstant(java.time.ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    /** The applications this service manages: {@code meta_publisher} is ours. */
    static Set<String> managed(List<? extends JsonNode> applications) {
        Set<String> out = new LinkedHashSet<>();
        applications.stream().filter(ManagedApplication::isOurs)
                .forEach(a -> out.add(a.path("slug").asText()));
        return out;
    }

    static List<Provider> providers(List<? extends JsonNode> proxyProviders) {
        List<Provider> out = new ArrayList<>();
        proxyProviders.forEach(p -> Provider.of(p).ifPresent(out::add));
        return out;
    }

    /** The embedded outpost first, then the others by name. */
    static List<Outpost> outposts(List<? extends JsonNode> outposts) {
        return outposts.stream().map(Outpost::of)
                .sorted(java.util.Comparator.comparing((Outpost o) -> !o.embedded()).thenComparing(Outpost::name))
                .toList();
    }
}
