package io.github.authentikprovisioner.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.servarr.ServarrApp;
import io.github.authentikprovisioner.servarr.ServarrRecipe;

/**
 * What the engine itself costs per recipe, authentik's latency left out (an in-memory authentik): planning a
 * converged Servarr app (the common "nothing to do" call) and applying one more app when the embedded outpost
 * already serves {@code providers} others. Run with {@code ./mvnw -Pbench test-compile exec:exec}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReconcileBenchmark {

    @Param({ "10", "1000" })
    int providers;

    private final Reconciler reconciler = new Reconciler();
    private FakeAuthentik authentik;
    private List<Desired> converged;
    private int next;

    @Setup(Level.Iteration)
    public void setUp() {
        authentik = new FakeAuthentik();
        authentik.add(Kind.FLOW, "{'slug': 'default-provider-invalidation-flow'}");
        authentik.add(Kind.FLOW, "{'slug': 'default-provider-authorization-implicit-consent'}");
        List<Integer> pks = new ArrayList<>();
        for (int i = 0; i < providers; i++) {
            pks.add(100_000 + i);
        }
        authentik.add(Kind.OUTPOST, "{'managed': 'goauthentik.io/outposts/embedded', 'name': 'authentik Embedded Outpost',"
                + " 'providers': " + pks + ", 'config': {'authentik_host': 'https://auth.example.com'}}");
        converged = ServarrRecipe.desired(app("prowlarr"), "https://auth.example.com");
        reconciler.apply(authentik, converged);
    }

    private static ServarrApp app(String slug) {
        return new ServarrApp(slug, slug, "https://" + slug + ".example.com", "admin", "pw", null, null, List.of("^/api/.*"));
    }

    /** Reads, diffs and finds nothing to write. */
    @Benchmark
    public Outcome planConverged() {
        return reconciler.plan(authentik, converged);
    }

    /** Same, through the apply path (locks taken, nothing written). */
    @Benchmark
    public Outcome applyConverged() {
        return reconciler.apply(authentik, converged);
    }

    /** A new app: group merge, provider and application created, outpost list grown by one and verified. */
    @Benchmark
    public Outcome applyNewApp() {
        return reconciler.apply(authentik, ServarrRecipe.desired(app("app" + next++), "https://auth.example.com"));
    }
}
