package io.github.authentikprovisioner.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.authentik.AuthentikException;
import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.outpost.EmbeddedOutpost;

/** The engine's plan/apply logic against an in-memory authentik. */
class ReconcilerTest {

    private final Reconciler reconciler = new Reconciler();
    private FakeAuthentik authentik;
    private ObjectNode flow;

    @BeforeEach
    void freshInstall() {
        authentik = new FakeAuthentik();
        flow = authentik.add(Kind.FLOW, "{'slug': 'default-provider-invalidation-flow'}");
        authentik.add(Kind.OUTPOST, "{'managed': 'goauthentik.io/outposts/embedded', 'name': 'authentik Embedded Outpost',"
                + " 'providers': [], 'config': {'authentik_host': '', 'log_level': 'info'}}");
    }

    private static List<Desired> providerAndApp(String cookieDomain) {
        Ref provider = Ref.to(Kind.PROXY_PROVIDER, "name", "P");
        return List.of(
                new Desired.Present(Kind.APPLICATION, Key.of("slug", "app"), "app",
                        Map.of("provider", Field.ref(provider), "name", Field.of("App"))),
                new Desired.Present(Kind.PROXY_PROVIDER, Key.of("name", "P"), "P", Map.of(
                        "mode", Field.of("forward_domain"), "cookie_domain", Field.of(cookieDomain),
                        "invalidation_flow", Field.ref(Ref.to(Kind.FLOW, "slug", "default-provider-invalidation-flow")),
                        "basic_auth_enabled", Field.of(false))),
                EmbeddedOutpost.serving(List.of(provider), "https://auth.example.com"));
    }

    @Test
    void createsInDependencyOrderAndResolvesReferences() {
        Outcome outcome = reconciler.apply(authentik, providerAndApp("example.com"));

        assertThat(outcome.changes()).extracting(Change::kind).containsExactly("proxy-provider", "application", "outpost");
        assertThat(outcome.status()).isEqualTo(Status.CREATED);
        ObjectNode provider = authentik.all(Kind.PROXY_PROVIDER).getFirst();
        assertThat(provider.get("invalidation_flow").asText()).isEqualTo(flow.get("pk").asText());
        assertThat(provider.get("basic_auth_enabled").asBoolean()).as("explicit false is sent").isFalse();
        assertThat(authentik.all(Kind.APPLICATION).getFirst().get("provider")).isEqualTo(provider.get("pk"));
        ObjectNode outpost = authentik.all(Kind.OUTPOST).getFirst();
        assertThat(outpost.get("providers").toString()).contains(provider.get("pk").asText());
        assertThat(outpost.at("/config/authentik_host").asText()).isEqualTo("https://auth.example.com");
        assertThat(outpost.at("/config/log_level").asText()).as("rest of config kept").isEqualTo("info");
    }

    @Test
    void secondApplyWritesNothing() {
        reconciler.apply(authentik, providerAndApp("example.com"));
        authentik.calls.clear();

        Outcome again = reconciler.apply(authentik, providerAndApp("example.com"));

        assertThat(again.status()).isEqualTo(Status.UNCHANGED);
        assertThat(again.changes()).extracting(Change::action).containsOnly(Change.Action.NONE);
        assertThat(authentik.writes()).isZero();
    }

    /** An outpost already serving the provider is saved again (an empty PATCH) when its application is made anew. */
    @Test
    void anObjectIsSavedAgainOnlyAfterAnObjectItWaitsForWasWritten() {
        Ref app = Ref.to(Kind.APPLICATION, "slug", "app");
        List<Desired> desired = new java.util.ArrayList<>(providerAndApp("example.com"));
        desired.set(2, EmbeddedOutpost.serving(List.of(Ref.to(Kind.PROXY_PROVIDER, "name", "P")),
                "https://auth.example.com", List.of(app)));
        reconciler.apply(authentik, desired);
        authentik.calls.clear();
        assertThat(reconciler.apply(authentik, desired).status()).as("nothing written, no save").isEqualTo(Status.UNCHANGED);
        assertThat(authentik.writes()).isZero();

        String appPk = authentik.all(Kind.APPLICATION).getFirst().get("slug").asText();
        authentik.delete(Kind.APPLICATION, appPk);
        authentik.calls.clear();
        Outcome planned = reconciler.plan(authentik, desired);
        assertThat(planned.changes()).extracting(c -> c.action() + " " + c.kind() + " " + new java.util.TreeSet<>(c.fields())).containsExactly(
                "NONE proxy-provider []", "CREATE application [name, provider]", "UPDATE outpost [refresh]");
        assertThat(authentik.writes()).isZero();

        Outcome outcome = reconciler.apply(authentik, desired);
        assertThat(outcome.changes()).extracting(c -> c.action() + " " + c.kind() + " " + new java.util.TreeSet<>(c.fields())).containsExactly(
                "NONE proxy-provider []", "CREATE application [name, provider]", "UPDATE outpost [refresh]");
        assertThat(authentik.calls.stream().filter(c -> c.startsWith("PATCH"))).singleElement()
                .asString().startsWith("PATCH outpost").endsWith("{}");
    }

    @Test
    void anObjectResavedAnywayIsSavedEvenWhenItMatches() {
        reconciler.apply(authentik, providerAndApp("example.com"));
        authentik.calls.clear();
        Outcome outcome = reconciler.apply(authentik, List.of(EmbeddedOutpost.reloaded()));
        assertThat(outcome.changes()).extracting(c -> c.action() + " " + c.fields()).containsExactly("UPDATE [refresh]");
        assertThat(authentik.writes()).isEqualTo(1);
    }

    @Test
    void patchesOnlyTheDifferingFieldPlusTheFieldsAuthentikValidatesWithIt() {
        reconciler.apply(authentik, providerAndApp("example.com"));
        authentik.calls.clear();

        Outcome outcome = reconciler.apply(authentik, providerAndApp("example.org"));

        assertThat(outcome.changes().get(0).fields()).containsExactly("cookie_domain");
        List<String> writes = authentik.calls.stream().filter(c -> c.startsWith("PATCH")).toList();
        assertThat(writes).hasSize(1);
        // mode always travels with a proxy PATCH (API-NOTES §1), internal_host with mode
        assertThat(writes.getFirst()).contains("\"cookie_domain\":\"example.org\"").contains("\"mode\":\"forward_domain\"")
                .doesNotContain("basic_auth_enabled");
    }

    @Test
    void dryRunPlansWithPlaceholdersAndWritesNothing() {
        Outcome plan = reconciler.plan(authentik, providerAndApp("example.com"));

        assertThat(plan.status()).isEqualTo(Status.PLANNED);
        assertThat(plan.changes()).extracting(Change::action)
                .containsExactly(Change.Action.CREATE, Change.Action.CREATE, Change.Action.UPDATE);
        assertThat(plan.changes().get(0).pk()).isNull();
        assertThat(authentik.writes()).isZero();
        assertThat(plan.object(Ref.to(Kind.PROXY_PROVIDER, "name", "P"))).isEmpty();
    }

    @Test
    void missingDefaultObjectIsNamed() {
        authentik.objects.get(Kind.FLOW).clear();
        assertThatThrownBy(() -> reconciler.apply(authentik, providerAndApp("example.com")))
                .isInstanceOf(Conflict.MissingObject.class)
                .hasMessageContaining("flow 'default-provider-invalidation-flow'");
        assertThat(authentik.writes()).isZero();
    }

    @Test
    void sharedListWriteIsVerifiedAndRepeatedWhenAnotherWriterDropsOurEntry() {
        authentik.all(Kind.OUTPOST).getFirst().withArray("providers").add(99);
        int[] patches = { 0 };
        // another writer (outside this process) replaces the list right after our first PATCH, losing our 5
        authentik.afterPatch = o -> {
            if (patches[0]++ == 0) {
                o.putArray("providers").add(99).add(77);
            }
        };
        Desired.Present serving = new Desired.Present(Kind.OUTPOST, EmbeddedOutpost.KEY, EmbeddedOutpost.NAME,
                Map.of("providers", Field.includes(List.of(5))));

        reconciler.apply(authentik, List.of(serving));

        assertThat(authentik.all(Kind.OUTPOST).getFirst().get("providers").toString()).isEqualTo("[99,77,5]");
        assertThat(authentik.calls.stream().filter(c -> c.startsWith("PATCH"))).hasSize(2);
        assertThat(authentik.calls.stream().filter(c -> c.startsWith("GET outpost"))).as("read back to verify").hasSize(2);
    }

    @Test
    void givesUpWithAClearErrorWhenTheSharedListKeepsChanging() {
        authentik.afterPatch = o -> o.putArray("providers");
        Desired.Present serving = new Desired.Present(Kind.OUTPOST, EmbeddedOutpost.KEY, EmbeddedOutpost.NAME,
                Map.of("providers", Field.includes(List.of(5))));
        assertThatThrownBy(() -> reconciler.apply(authentik, List.of(serving)))
                .isInstanceOf(Conflict.ConcurrentChange.class).hasMessageContaining("kept changing");
        assertThat(authentik.calls.stream().filter(c -> c.startsWith("PATCH"))).hasSize(Reconciler.WRITE_ATTEMPTS);
    }

    @Test
    void keepsOtherEntriesOfSharedMapsAndRemovesOnlyItsOwn() {
        authentik.add(Kind.GROUP, "{'name': 'G', 'attributes': {'other_user': 'x', 'theme': 'dark'}}");
        reconciler.apply(authentik, List.of(new Desired.Present(Kind.GROUP, Key.of("name", "G"), "G",
                Map.of("attributes", Field.entries(Map.of("app_user", "u", "app_password", "p"))))));
        assertThat(authentik.all(Kind.GROUP).getFirst().get("attributes").size()).isEqualTo(4);

        reconciler.apply(authentik, List.of(new Desired.Present(Kind.GROUP, Key.of("name", "G"), "G",
                Map.of("attributes", Field.withoutEntries(java.util.Set.of("app_user", "app_password"))))));
        assertThat(authentik.all(Kind.GROUP).getFirst().get("attributes").toString())
                .isEqualTo("{\"other_user\":\"x\",\"theme\":\"dark\"}");
    }

    @Test
    void deletesAfterOthersLetGoOfTheObject() {
        reconciler.apply(authentik, providerAndApp("example.com"));
        authentik.calls.clear();
        Ref provider = Ref.to(Kind.PROXY_PROVIDER, "name", "P");

        Outcome removal = reconciler.apply(authentik, List.of(
                new Desired.Absent(Kind.PROXY_PROVIDER, Key.of("name", "P"), "P"),
                new Desired.Absent(Kind.APPLICATION, Key.of("slug", "app"), "app"),
                EmbeddedOutpost.notServing(List.of(provider))));

        assertThat(removal.changes()).extracting(Change::kind).containsExactly("outpost", "proxy-provider", "application");
        assertThat(removal.removalStatus()).isEqualTo(Status.DELETED);
        assertThat(removal.status()).isEqualTo(Status.UPDATED);
        assertThat(authentik.all(Kind.PROXY_PROVIDER)).isEmpty();
        assertThat(authentik.all(Kind.OUTPOST).getFirst().get("providers")).isEmpty();
        Outcome again = reconciler.apply(authentik, List.of(
                new Desired.Absent(Kind.PROXY_PROVIDER, Key.of("name", "P"), "P"), EmbeddedOutpost.notServing(List.of(provider))));
        assertThat(again.status()).isEqualTo(Status.UNCHANGED);
    }

    @Test
    void createRaceWithAnotherWriterFallsBackToUpdate() {
        FakeAuthentik racing = new FakeAuthentik() {
            private boolean raced;

            @Override
            public java.util.Optional<ObjectNode> find(Kind kind, Map<String, String> key) {
                java.util.Optional<ObjectNode> found = super.find(kind, key);
                if (kind == Kind.GROUP && found.isEmpty() && !raced) {
                    raced = true; // someone creates it right after our lookup
                    add(Kind.GROUP, "{'name': 'G', 'attributes': {'theirs': 1}}");
                }
                return found;
            }
        };
        Outcome outcome = reconciler.apply(racing, List.of(new Desired.Present(Kind.GROUP, Key.of("name", "G"), "G",
                Map.of("attributes", Field.entries(Map.of("ours", 2))))));

        assertThat(outcome.changes().getFirst().action()).isEqualTo(Change.Action.UPDATE);
        assertThat(racing.all(Kind.GROUP)).hasSize(1);
        assertThat(racing.all(Kind.GROUP).getFirst().get("attributes").toString()).contains("theirs").contains("ours");
    }

    @Test
    void aCreateRaceIsRecognisedByTheKeyFieldWhateverTheLanguageOfTheMessage() {
        // authentik answers in the token user's locale (core/middleware.py): no English "already exists" to look for
        FakeAuthentik german = new FakeAuthentik() {
            private boolean raced;

            @Override
            public java.util.Optional<ObjectNode> find(Kind kind, Map<String, String> key) {
                java.util.Optional<ObjectNode> found = super.find(kind, key);
                if (kind == Kind.GROUP && found.isEmpty() && !raced) {
                    raced = true;
                    add(Kind.GROUP, "{'name': 'G', 'attributes': {}}");
                }
                return found;
            }

            @Override
            public ObjectNode create(Kind kind, ObjectNode body) {
                throw new AuthentikException.Rejected("name: Gruppe mit diesem Name existiert bereits.",
                        List.of(new AuthentikException.FieldError("name", "Gruppe mit diesem Name existiert bereits.")));
            }
        };
        Outcome outcome = reconciler.apply(german, List.of(new Desired.Present(Kind.GROUP, Key.of("name", "G"), "G",
                Map.of("attributes", Field.entries(Map.of("ours", 2))))));

        assertThat(outcome.changes().getFirst().action()).isEqualTo(Change.Action.UPDATE);
        assertThat(german.all(Kind.GROUP).getFirst().get("attributes").toString()).contains("ours");
    }

    @Test
    void aStageBoundTwiceInOneFlowKeepsTheBindingAtTheWantedOrderAndLosesTheOther() {
        FakeAuthentik authentik = new FakeAuthentik();
        authentik.add(Kind.FLOW, "{'slug': 'f', 'name': 'f'}");
        authentik.add(Kind.PASSWORD_STAGE, "{'name': 's'}");
        String flow = authentik.all(Kind.FLOW).getFirst().get("pk").asText();
        String stage = authentik.all(Kind.PASSWORD_STAGE).getFirst().get("pk").asText();
        authentik.add(Kind.FLOW_STAGE_BINDING, "{'target': '" + flow + "', 'stage': '" + stage + "', 'order': 2}");
        authentik.add(Kind.FLOW_STAGE_BINDING, "{'target': '" + flow + "', 'stage': '" + stage + "', 'order': 3}");
        Desired binding = new Desired.Present(Kind.FLOW_STAGE_BINDING,
                Key.of("target", Ref.to(Kind.FLOW, "slug", "f"), "stage", Ref.to(Kind.PASSWORD_STAGE, "name", "s")),
                "f / s", Map.of("order", Field.of(3)));

        Outcome outcome = reconciler.apply(authentik, List.of(binding));

        assertThat(outcome.changes()).extracting(Change::action).containsExactly(Change.Action.NONE,
                Change.Action.DELETE);
        assertThat(authentik.all(Kind.FLOW_STAGE_BINDING)).singleElement()
                .satisfies(b -> assertThat(b.get("order").asInt()).isEqualTo(3));
        assertThat(reconciler.apply(authentik, List.of(binding)).status()).isEqualTo(Status.UNCHANGED);
    }

    @Test
    void anObjectThatMustExistStopsTheRunBeforeAnyWriteAndCostsNoExtraRead() {
        Desired.Present group = new Desired.Present(Kind.GROUP, Key.of("name", "G"), "G",
                Map.of("attributes", Field.of(Map.of())));
        Desired.Present stage = new Desired.Present(Kind.PROMPT_STAGE, Key.of("name", "default-prompt"), "default-prompt",
                Map.of("fields", Field.of(List.of()))).existing();
        assertThatThrownBy(() -> reconciler.apply(authentik, List.of(group, stage)))
                .isInstanceOf(Conflict.MissingObject.class).hasMessageContaining("prompt-stage 'default-prompt'");
        assertThatThrownBy(() -> reconciler.plan(authentik, List.of(group, stage)))
                .isInstanceOf(Conflict.MissingObject.class);
        assertThat(authentik.writes()).isZero();

        authentik.add(Kind.PROMPT_STAGE, "{'name': 'default-prompt', 'fields': ['x']}");
        authentik.calls.clear();
        reconciler.apply(authentik, List.of(stage));
        assertThat(authentik.calls).containsExactly("PREFETCH [prompt-stage]", "FIND prompt-stage {name=default-prompt}",
                "PATCH prompt-stage {\"fields\":[]}");
    }

    @Test
    void bindingsAreListedByTheirFlowAndEveryKindIsAnnouncedBeforeTheFirstRead() {
        Ref target = Ref.to(Kind.FLOW, "slug", "default-provider-invalidation-flow");
        List<Desired> bindings = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            authentik.add(Kind.PROMPT_STAGE, "{'name': 's" + i + "'}");
            bindings.add(new Desired.Present(Kind.FLOW_STAGE_BINDING,
                    Key.of("target", target, "stage", Ref.to(Kind.PROMPT_STAGE, "name", "s" + i)), "b" + i,
                    Map.of("order", Field.of(10 * i))));
        }
        reconciler.apply(authentik, bindings);
        assertThat(authentik.all(Kind.FLOW_STAGE_BINDING)).hasSize(3);
        authentik.calls.clear();

        Outcome again = reconciler.apply(authentik, bindings);

        assertThat(again.status()).isEqualTo(Status.UNCHANGED);
        // the session answers these lists from one read of all bindings (AuthentikSession's snapshot)
        assertThat(authentik.calls.stream().filter(c -> c.contains("flow-stage-binding")).skip(1))
                .allMatch(c -> c.startsWith("LIST flow-stage-binding {target="));
        assertThat(authentik.calls.getFirst()).isEqualTo("PREFETCH [flow-stage-binding, flow, prompt-stage]");
    }

    @Test
    void rejectionOtherThanUniquenessPropagates() {
        FakeAuthentik refusing = new FakeAuthentik() {
            @Override
            public ObjectNode create(Kind kind, ObjectNode body) {
                throw new AuthentikException.Rejected("slug: bad", List.of(new AuthentikException.FieldError("slug", "bad")));
            }
        };
        assertThatThrownBy(() -> reconciler.apply(refusing, List.of(new Desired.Present(Kind.GROUP,
                Key.of("name", "G"), "G", Map.of())))).isInstanceOf(AuthentikException.Rejected.class);
    }

    /** An object that must be new: created when its key is free; 409 and nothing written when it is taken, even twice. */
    @Test
    void anObjectThatMustBeNewIsCreatedWhenFreeAndRefusedWhenTaken() {
        Desired group = new Desired.Present(Kind.GROUP, Key.of("name", "G"), "G", Map.of("is_superuser", Field.of(false)))
                .mustBeNew("choose another name");
        assertThat(reconciler.apply(authentik, List.of(group)).status()).isEqualTo(Status.CREATED);
        long writes = authentik.writes();
        assertThatThrownBy(() -> reconciler.apply(authentik, List.of(group))).isInstanceOf(Conflict.Exists.class)
                .hasMessage("group 'G' exists already; choose another name");
        assertThatThrownBy(() -> reconciler.plan(authentik, List.of(group))).isInstanceOf(Conflict.Exists.class);
        authentik.add(Kind.GROUP, "{'name': 'G'}");
        assertThatThrownBy(() -> reconciler.apply(authentik, List.of(group))).isInstanceOf(Conflict.Exists.class);
        assertThat(authentik.writes()).isEqualTo(writes);
    }
}
