package io.github.authentikprovisioner.outposthealth;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.github.authentikprovisioner.outposthealth.Observed.Outpost;
import io.github.authentikprovisioner.outposthealth.Observed.Provider;

/**
 * Which forward-auth requests a check sends, keeping the check's footprint in authentik's database small. Every
 * unauthenticated request for a served host makes the embedded outpost store a new session row in PostgreSQL
 * (internal/outpost/proxyv2/application/oauth_state.go {@code createState}, postgresstore), which lives for the
 * provider's access token validity plus a second (session.go {@code getStore}) before the outpost's cleanup deletes
 * it (sessionstore/cleanup.go, every 5 minutes): a probe of every host every minute is 1,440 rows per host per day.
 * So a host is asked only when what the outpost serves for it may have changed ({@link #fingerprint}), while it is
 * not proven served, and in a full sweep; otherwise the last answer stands. A skip-path sample that passes stores
 * nothing (mode_forward.go answers it before any session), but goes with its host.
 */
final class ProbePlan {

    private ProbePlan() {
    }

    /** One forward-auth request to send to the embedded outpost: {@code proto://host/uri}. */
    record Target(String providerPk, URI url) {
    }

    /** An answer and what it was the answer to. */
    record Probed(String fingerprint, ProbeResult result) {
    }

    /**
     * The requests that tell whether the embedded outpost serves each host: {@code /} of each host of each
     * forward-auth provider that is on the embedded outpost or on none, and a sample of each skip-path line.
     */
    static List<Target> targets(Observed observed, List<String> domainHosts) {
        List<Target> out = new ArrayList<>();
        for (Provider p : observed.providers()) {
            List<Outpost> on = OutpostAssessment.outpostsOf(observed, p);
            if (!p.forward() || !(on.isEmpty() || on.stream().anyMatch(Outpost::embedded))) {
                continue;
            }
            for (URI host : hosts(p, domainHosts)) {
                out.add(new Target(p.pk(), host.resolve("/")));
            }
            for (SkipPathRule rule : SkipPathRule.of(p.skipPathRegex(), p.mode(), p.externalHost())) {
                if (rule.sample() != null && rule.problem() == null) {
                    out.add(new Target(p.pk(), rule.sample()));
                }
            }
        }
        return out;
    }

    /**
     * The hosts an outpost should serve for {@code p}: its external host; for a domain-level provider the configured
     * hosts under its cookie domain instead, when there are any (the outpost matches them by suffix:
     * internal/outpost/proxyv2/handlers.go {@code lookupApp}).
     */
    static List<URI> hosts(Provider p, List<String> domainHosts) {
        URI origin = URI.create(p.externalHost().getScheme() + "://" + p.externalHost().getRawAuthority() + "/");
        if ("forward_domain".equals(p.mode())) {
            String domain = p.cookieDomain().startsWith(".") ? p.cookieDomain().substring(1) : p.cookieDomain();
            List<URI> under = domainHosts.stream().filter(h -> !domain.isEmpty() && h.endsWith(domain))
                    .map(h -> URI.create(origin.getScheme() + "://" + h + "/")).toList();
            if (!under.isEmpty()) {
                return under;
            }
        }
        return List.of(origin);
    }

    /**
     * What the outpost's answers for {@code p}'s hosts depend on: the provider as the outpost sees it and the outposts
     * listing it, its application (by pk: one deleted and made again under the same slug is another one, which the
     * outpost has to load anew), and of the embedded outpost its {@code authentik_host} and its live instances (a new
     * process serves nothing until its first refresh).
     */
    static String fingerprint(Observed observed, Provider p, String applicationPk) {
        List<Outpost> on = OutpostAssessment.outpostsOf(observed, p);
        StringBuilder out = new StringBuilder(p.fingerprint(on.stream().map(Outpost::pk).toList()))
                .append('\n').append(applicationPk);
        observed.outposts().stream().filter(Outpost::embedded).findFirst().ifPresent(e -> {
            Set<String> uids = new TreeSet<>();
            observed.instances().getOrDefault(e.pk(), List.of()).stream().filter(i -> !i.expired())
                    .forEach(i -> uids.add(i.uid()));
            out.append('\n').append(e.authentikHost()).append('\n').append(String.join(",", uids));
        });
        return out.toString();
    }

    /**
     * The requests to send now: all of them in a full sweep ({@code everyHost}); otherwise those of each provider
     * with a request never answered, an answer to another fingerprint, or a root not answered with sign-in.
     */
    static Set<URI> select(List<Target> targets, Map<String, String> fingerprints, Map<URI, Probed> answered,
            boolean everyHost) {
        Map<String, List<Target>> byProvider = new LinkedHashMap<>();
        targets.forEach(t -> byProvider.computeIfAbsent(t.providerPk(), k -> new ArrayList<>()).add(t));
        Set<URI> out = new HashSet<>();
        byProvider.forEach((pk, own) -> {
            String now = fingerprints.get(pk);
            boolean ask = everyHost || own.stream().anyMatch(t -> {
                Probed last = answered.get(t.url());
                return last == null || !last.fingerprint().equals(now) || "/".equals(t.url().getRawPath())
                        && last.result().verdict() != ProbeResult.Verdict.SIGN_IN;
            });
            if (ask) {
                own.forEach(t -> out.add(t.url()));
            }
        });
        return out;
    }
}
