package io.github.authentikprovisioner.reconcile;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.github.authentikprovisioner.authentik.AuthentikObjects;
import io.github.authentikprovisioner.authentik.Kind;

/**
 * The one path by which this service writes to authentik. Given the desired objects of a recipe it reads the actual
 * ones by natural key, diffs only the managed fields, and creates, patches (only what differs) or deletes, in
 * dependency order; {@link #plan} does the same reading and reports the plan without writing.
 *
 * <p>Every write to one object is serialized within this process (a lock per kind and natural key), so concurrent
 * recipes neither create duplicates nor lose each other's entries in shared lists; read-modify-write fields are
 * verified by reading the object back and retried if another writer got in between.
 */
@ApplicationScoped
public class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);
    static final int WRITE_ATTEMPTS = 3;

    private final Locks locks = new Locks();

    /** Reads actual state and returns what {@link #apply} would do; writes nothing. */
    public Outcome plan(AuthentikObjects session, List<Desired> desired) {
        return new Run(session, false, locks).execute(desired);
    }

    /** Makes authentik match {@code desired}, writing only what differs. */
    public Outcome apply(AuthentikObjects session, List<Desired> desired) {
        return new Run(session, true, locks).execute(desired);
    }

    /** {@link #plan} when {@code dryRun}, {@link #apply} otherwise. */
    public Outcome run(AuthentikObjects session, List<Desired> desired, boolean dryRun) {
        return dryRun ? plan(session, desired) : apply(session, desired);
    }

    /** Every kind a plan of {@code desired} looks up: its objects' and the objects they refer to. */
    public static java.util.Set<Kind> kindsOf(List<Desired> desired) {
        return DesiredRefs.kindsOf(desired);
    }
}
