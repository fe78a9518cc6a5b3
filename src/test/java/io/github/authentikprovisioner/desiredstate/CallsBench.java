package io.github.authentikprovisioner.desiredstate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.authentik.AuthentikSession;
import io.github.authentikprovisioner.bench.BenchReport;
import io.quarkus.test.junit.QuarkusTest;

/**
 * How many authentik calls each recipe of the guide makes, alone on a fresh install and converged, next to the
 * minimum counted by hand; the same for the whole example document; and the document's wall time when every
 * authentik call takes 20 ms. Not part of CI: {@code ./mvnw -Pbench verify} (README, "Benchmark").
 */
@QuarkusTest
@Tag("bench")
class CallsBench extends RecipeEntrySupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LATENCY = Duration.ofMillis(20);
    private static final int RUNS = 15;

    /**
     * The fewest calls each entry can make, counted by hand: converged, one list per kind it must look at; on a fresh
     * install, those lists, one write per object it creates or changes, and two reads per change of a shared list
     * (the embedded outpost's providers, a group's attributes): read again under the lock, read back to verify.
     * Kept here as the reference.
     */
    private static final Map<String, Minimum> MINIMUM = new LinkedHashMap<>();

    static {
        // users, groups, the token's user (before retiring akadmin), the user read back before that; the user, its
        // membership of authentik Admins (shared: +2 reads), its password, the mark of it (shared: +2), akadmin
        MINIMUM.put("admin", new Minimum(8, 5, 2));
        // proxy providers, applications, flows, outposts; provider, application, outpost (shared: +2 reads)
        MINIMUM.put("forwardAuth", new Minimum(6, 3, 4));
        // flows, bindings, identification and password stages; the identification stage, the password binding
        MINIMUM.put("login", new Minimum(4, 2, 4));
        // prompt stages, password policies; the policy, the two prompt stages validating with it
        MINIMUM.put("passwordPolicy", new Minimum(2, 3, 2));
        // flows, bindings, user-write, user-login, prompt, validate and TOTP stages; the validate stage, two bindings
        MINIMUM.put("mfa", new Minimum(7, 3, 7));
        // brands, flows, bindings, identification, email, user-write and prompt stages; two stages, the flow, four
        // bindings, the brand, the default identification stage
        MINIMUM.put("recovery", new Minimum(7, 9, 7));
        // groups, users, flows, bindings, email, user-write, user-login, prompt and invitation stages, prompts; the
        // group, three stages, the flow, five bindings, the enrollment prompt stage
        MINIMUM.put("invitationEnrollment", new Minimum(10, 11, 10));
        // proxy providers, applications, groups, flows, outposts, users (who gets the credentials); group, provider,
        // application, outpost (+2 reads)
        MINIMUM.put("servarr", new Minimum(8, 4, 6));
        // applications, OAuth2 providers, policy bindings, flows, scope mappings, certificates, then per preset its
        // groups and system settings, and for a gated app the users (who is let in); nextcloud: 2 groups, scope
        // mapping, provider, application, group binding
        MINIMUM.put("oidc nextcloud", new Minimum(9, 6, 9));
        MINIMUM.put("oidc synology", new Minimum(6, 2, 6));
        MINIMUM.put("oidc immich", new Minimum(6, 2, 6));
        // 2 groups, provider, application
        MINIMUM.put("oidc inventree", new Minimum(7, 4, 7));
        // users, groups; the user's attributes (shared: +2 reads), its four memberships (shared: +2 reads each)
        MINIMUM.put("user", new Minimum(12, 5, 2));
    }

    record Minimum(int freshReads, int freshWrites, int convergedReads) {
    }

    record Row(String what, long freshReads, long freshWrites, long convergedReads, long convergedWrites,
            Minimum minimum) {
    }

    @Test
    void callsAndWallTime() throws Exception {
        List<DesiredStateDocument.Entry> entries = ExampleDocumentTest.example();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            DesiredStateDocument.Entry entry = entries.get(i);
            freshInstallHandedOver();
            if (entry.recipe().equals("user")) {
                // a person joins the groups the app entries before it make: those are there first, uncounted
                applier.apply(entries.subList(0, i), false);
            }
            AuthentikSession fresh = run(entry, authentik.session(), false);
            AuthentikSession converged = run(entry, authentik.session(), false);
            String label = label(entry);
            rows.add(new Row(label, fresh.reads(), fresh.writes(), converged.reads(), converged.writes(),
                    MINIMUM.getOrDefault(label, MINIMUM.get(entry.recipe()))));
        }
        freshInstallHandedOver();
        DesiredStateReport planned = applier.apply(entries, true);
        DesiredStateReport created = applier.apply(entries, false);
        DesiredStateReport again = applier.apply(entries, false);
        java.util.Set<io.github.authentikprovisioner.authentik.Kind> read = new java.util.HashSet<>();
        entries.forEach(e -> read.addAll(reads(e)));
        int kinds = read.size();
        rows.add(new Row("whole document", created.authentikCalls().reads(), created.authentikCalls().writes(),
                again.authentikCalls().reads(), again.authentikCalls().writes(),
                // + the outpost three times, the Servarr group, authentik Admins and the admin's attributes once
                // (shared: 2 reads each), the token's user and the admin read back, and the policy bindings and OAuth2
                // providers read again after a binding's deletion and new proxy providers changed them; the admin's
                // mark and four memberships (shared: 2 reads each)
                new Minimum(kinds + 26, 63, kinds)));
        writeCalls(rows, planned.authentikCalls().reads());
        // the hand-counted minimum is the budget: a recipe that makes more calls than it must fails the bench
        org.assertj.core.api.SoftAssertions budget = new org.assertj.core.api.SoftAssertions();
        for (Row r : rows) {
            budget.assertThat(r.freshReads()).as(r.what() + ": fresh reads").isLessThanOrEqualTo(r.minimum().freshReads());
            budget.assertThat(r.freshWrites()).as(r.what() + ": fresh writes")
                    .isLessThanOrEqualTo(r.minimum().freshWrites());
            budget.assertThat(r.convergedReads()).as(r.what() + ": converged reads")
                    .isLessThanOrEqualTo(r.minimum().convergedReads());
            budget.assertThat(r.convergedWrites()).as(r.what() + ": converged writes").isZero();
        }
        budget.assertAll();

        // the converged document, wall time: no latency, then 20 ms per call at several read concurrencies
        Map<String, Double> wall = new LinkedHashMap<>();
        emulator.validating(false); // its schema checks' CPU time is not authentik's
        medianMillis(4); // warm-up
        wall.put("no latency, concurrency 4", medianMillis(4));
        wall.put("no latency, concurrency " + kinds, medianMillis(kinds));
        emulator.faults().latency(LATENCY);
        for (int concurrency : new int[] { 1, 4, 8, kinds }) {
            wall.put("20 ms, concurrency " + concurrency, medianMillis(concurrency));
        }
        emulator.faults().clear();
        emulator.validating(true);
        writeLatency(wall, again.authentikCalls().reads(), kinds);
    }

    private static String label(DesiredStateDocument.Entry entry) {
        return switch (entry.recipe()) {
            case "oidc" -> "oidc " + entry.spec().path("preset").asText();
            case "servarr" -> "servarr " + entry.spec().path("slug").asText();
            default -> entry.recipe();
        };
    }

    private double medianMillis(int concurrency) throws Exception {
        List<DesiredStateDocument.Entry> entries = ExampleDocumentTest.example();
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            applier.apply(entries, false, authentik.documentSession(concurrency));
            times.add((System.nanoTime() - start) / 1e6);
        }
        times.sort(null);
        return times.get(times.size() / 2);
    }

    private static void writeCalls(List<Row> rows, int dryRunReads) {
        StringBuilder md = new StringBuilder("## authentik calls per recipe (each alone) and for the example document\n\n"
                + "| recipe | fresh reads | fresh writes | min. fresh (r/w) | converged reads | converged writes "
                + "| min. converged reads |\n|---|---:|---:|---:|---:|---:|---:|\n");
        ArrayNode json = JSON.createArrayNode();
        for (Row r : rows) {
            md.append("| %s | %d | %d | %d / %d | %d | %d | %d |\n".formatted(r.what(), r.freshReads(),
                    r.freshWrites(), r.minimum().freshReads(), r.minimum().freshWrites(), r.convergedReads(),
                    r.convergedWrites(), r.minimum().convergedReads()));
            json.addObject().put("recipe", r.what()).put("freshReads", r.freshReads())
                    .put("freshWrites", r.freshWrites()).put("convergedReads", r.convergedReads())
                    .put("convergedWrites", r.convergedWrites())
                    .put("minimumFreshReads", r.minimum().freshReads())
                    .put("minimumFreshWrites", r.minimum().freshWrites())
                    .put("minimumConvergedReads", r.minimum().convergedReads());
        }
        md.append("\nThe example document as a dry run on a fresh install: ").append(dryRunReads)
                .append(" reads, 0 writes.\n");
        ObjectNode out = JSON.createObjectNode();
        out.set("rows", json);
        out.put("dryRunReads", dryRunReads);
        BenchReport.write("calls", out, md.toString());
    }

    private static void writeLatency(Map<String, Double> wall, int reads, int kinds) {
        // every read of a converged document depends only on the document: the longest chain is one call
        int chain = 1;
        double chainMillis = chain * LATENCY.toMillis();
        StringBuilder md = new StringBuilder("## The converged example document, wall time (median of " + RUNS
                + ")\n\n" + reads + " reads of " + kinds + " kinds, none waiting for another: the longest chain of "
                + "dependent calls is " + chain + " call, " + (int) chainMillis + " ms at 20 ms per call. With a "
                + "bound of c reads at once the floor is ceil(" + reads + "/c) × 20 ms.\n\n"
                + "The runs without latency show this machine's own CPU time for the document (the service and the "
                + "emulator share its cores); the last column leaves it out: (wall − the same run without latency) / "
                + "chain.\n\n"
                + "| run | wall ms | floor ms | wall / chain | wall / floor | latency part / chain |\n"
                + "|---|---:|---:|---:|---:|---:|\n");
        ObjectNode json = JSON.createObjectNode().put("reads", reads).put("kinds", kinds).put("chainCalls", chain)
                .put("latencyMillis", LATENCY.toMillis());
        ArrayNode rows = json.putArray("runs");
        wall.forEach((run, millis) -> {
            boolean latency = run.startsWith("20");
            int concurrency = Integer.parseInt(run.substring(run.lastIndexOf(' ') + 1));
            double floor = latency ? Math.ceil((double) reads / concurrency) * LATENCY.toMillis() : 0;
            Double cpu = wall.get("no latency, concurrency " + concurrency);
            md.append("| %s | %.0f | %.0f | %s | %s | %s |\n".formatted(run, millis, floor,
                    latency ? "%.2f".formatted(millis / chainMillis) : "",
                    latency ? "%.2f".formatted(millis / floor) : "",
                    latency && cpu != null ? "%.2f".formatted((millis - cpu) / chainMillis) : ""));
            rows.addObject().put("run", run).put("wallMillis", millis).put("floorMillis", floor);
        });
        BenchReport.write("latency", json, md.toString());
    }
}
