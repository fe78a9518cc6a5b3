package io.github.authentikprovisioner.smoke;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.authentikprovisioner.authentik.Authentik;
import io.github.authentikprovisioner.authentik.AuthentikSession;
import io.github.authentikprovisioner.authentik.Kind;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The seed guide's recipes as one scenario against this service, whatever authentik is behind it: the emulator in
 * {@code SeedScenarioTest}, a real authentik in {@code SmokeTest}. Every object it creates carries {@link #PREFIX}
 * in its name, and it deletes them at the end.
 *
 * <p>Before any write it plans every step (dry run): if an object of a name it would create exists already, it
 * refuses to run. A step that would change an object it does not own (a default flow, a shared mapping, the embedded
 * outpost's config) or that it cannot delete afterwards is only planned, unless {@code touchDefaults} says the
 * instance is a throwaway one.
 */
final class SeedScenario {

    static final String PREFIX = "provisioner-smoke";

    /** One call of the scenario. */
    record Step(String name, String method, String path, String body, boolean removable) {
    }

    /** One line of the report. */
    record Row(String step, String round, int http, String status, int reads, int writes) {
    }

    /** The scenario refuses to run; nothing was written. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    static final String SERVARR_GROUP = PREFIX + " Servarr Users";

    private final String apiToken;
    private final Authentik authentik;
    private final boolean touchDefaults;
    private final List<Row> rows = new ArrayList<>();

    SeedScenario(String apiToken, Authentik authentik, boolean touchDefaults) {
        this.apiToken = apiToken;
        this.authentik = authentik;
        this.touchDefaults = touchDefaults;
    }

    /** The recipes of the seed, with names that cannot be anybody else's. */
    static List<Step> steps() {
        String p = PREFIX;
        return List.of(
                new Step("servarr", "POST", "/apps/servarr", """
                        {"name": "%s Sonarr", "slug": "%s-sonarr", "externalHost": "https://%s-sonarr.example.com",
                         "username": "admin", "password": "smoke-password-not-a-secret", "group": "%s",
                         "unauthenticatedPaths": ["^/api/.*"]}""".formatted(p, p, p, SERVARR_GROUP), true),
                new Step("oidc generic", "POST", "/apps/oidc", """
                        {"preset": "generic", "name": "%s Wiki", "slug": "%s-wiki", "accessGroup": "%s wiki users",
                         "redirectUris": ["https://%s-wiki.example.com/cb"]}""".formatted(p, p, p, p), true),
                new Step("oidc nextcloud", "POST", "/apps/oidc", """
                        {"preset": "nextcloud", "baseUrl": "https://%s-nc.example.com", "name": "%s Nextcloud",
                         "slug": "%s-nextcloud", "accessGroup": "%s nextcloud users",
                         "adminGroup": "%s nextcloud admins"}""".formatted(p, p, p, p, p), true),
                new Step("forwardAuth", "PUT", "/forward-auth", """
                        {"cookieDomain": "%s.example.com", "providerName": "%s Traefik Provider",
                         "applicationName": "%s Traefik", "applicationSlug": "%s-traefik"}"""
                        .formatted(p, p, p, p), false),
                new Step("login", "PUT", "/login", "{\"passwordOnIdentificationPage\": true}", false),
                new Step("passwordPolicy", "PUT", "/security/password-policy", "{\"name\": \"" + p + "-policy\"}", false),
                new Step("mfa", "PUT", "/security/mfa", "{\"deviceClasses\": [\"totp\"], \"enforce\": true}", false),
                new Step("recovery", "PUT", "/security/recovery", "{}", false),
                new Step("invitationEnrollment", "PUT", "/security/invitation-enrollment",
                        "{\"group\": \"" + p + " Users\"}", false));
    }

    /** Plans, applies, applies again (expecting no writes), reads back and deletes; answers the report. */
    List<Row> run() {
        List<Step> applied = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        for (Step step : steps()) {
            Response plan = call(step, true);
            record(step, "plan", plan);
            if (plan.statusCode() >= 300) {
                continue; // e.g. a default object this instance lacks: reported in the table, not run
            }
            List<String> existing = new ArrayList<>();
            List<String> notOurs = new ArrayList<>();
            for (var change : plan.jsonPath().getList("changes", Map.class)) {
                String name = String.valueOf(change.get("name"));
                boolean ours = name.toLowerCase(Locale.ROOT).contains(PREFIX);
                // the embedded outpost is shared: adding and taking away our providers is fine, its config is not
                boolean onlyOurProviders = "outpost".equals(change.get("kind"))
                        && List.of("providers").containsAll((List<?>) change.get("fields"));
                if (!"create".equals(change.get("action")) && !onlyOurProviders) {
                    (ours ? existing : notOurs).add(change.get("kind") + " '" + name + "'");
                }
            }
            if (!existing.isEmpty()) {
                refusals.add(step.name() + ": authentik already holds " + existing + ", which this run did not create");
            } else if (step.removable() && notOurs.isEmpty() || touchDefaults) {
                applied.add(step);
            }
        }
        if (!refusals.isEmpty()) {
            throw new Refused("not run, nothing written: " + String.join("; ", refusals));
        }
        for (String round : List.of("apply", "again")) {
            for (Step step : applied) {
                record(step, round, call(step, false));
            }
        }
        List<String> reads = new ArrayList<>(List.of("/apps/servarr", "/apps/oidc", "/traefik/dynamic-config",
                "/invitations"));
        applied.stream().filter(Step::removable)
                .forEach(step -> reads.add(step.path() + "/" + JsonPath.from(step.body()).getString("slug")));
        for (String path : reads) {
            record(new Step("GET " + path, "GET", path, null, false), "read", api().get(path));
        }
        for (Step step : applied) {
            if (step.removable()) {
                String slug = JsonPath.from(step.body()).getString("slug");
                Step delete = new Step(step.name(), "DELETE", step.path() + "/" + slug, null, false);
                record(delete, "delete", api().delete(delete.path()));
            }
        }
        // the Servarr group is shared by design, so its DELETE only takes this app's keys out of it
        AuthentikSession session = authentik.session();
        session.find(Kind.GROUP, Map.of("name", SERVARR_GROUP)).ifPresent(g -> {
            session.delete(Kind.GROUP, g.get("pk").asText());
            rows.add(new Row("group '" + SERVARR_GROUP + "'", "delete", 204, "deleted", session.reads(),
                    session.writes()));
        });
        return List.copyOf(rows);
    }

    private Response call(Step step, boolean dryRun) {
        return api().body(step.body()).queryParam("dryRun", dryRun).request(step.method(), step.path());
    }

    private io.restassured.specification.RequestSpecification api() {
        return given().auth().oauth2(apiToken).contentType(ContentType.JSON);
    }

    private void record(Step step, String round, Response r) {
        JsonPath json = r.contentType().contains("json") && r.asString().startsWith("{") ? r.jsonPath() : null;
        String status = json == null || json.getString("status") == null ? "" : json.getString("status");
        int reads = json == null || json.get("authentikCalls.reads") == null ? -1 : json.getInt("authentikCalls.reads");
        int writes = json == null || json.get("authentikCalls.writes") == null ? -1 : json.getInt("authentikCalls.writes");
        rows.add(new Row(step.name(), round, r.statusCode(), status, reads, writes));
    }

    /** The report as a table, one row per call. */
    static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder("| step | round | HTTP | status | reads | writes |\n|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            out.append("| %s | %s | %d | %s | %s | %s |%n".formatted(r.step(), r.round(), r.http(), r.status(),
                    r.reads() < 0 ? "" : r.reads(), r.writes() < 0 ? "" : r.writes()));
        }
        return out.toString();
    }
}
