package io.github.authentikprovisioner.api;

import java.util.List;

import org.jboss.resteasy.reactive.RestResponse;

import io.github.authentikprovisioner.reconcile.Change;
import io.github.authentikprovisioner.reconcile.Outcome;
import io.github.authentikprovisioner.reconcile.Status;

/** What every recipe answers: its status, the changes it made (or planned) and the authentik calls it took. */
public interface RecipeReport {

    Status status();

    List<Change> changes();

    AuthentikCalls authentikCalls();

    /** 201 when something was created, 200 otherwise (dry runs included). */
    static <T extends RecipeReport> RestResponse<T> respond(Outcome outcome, T body) {
        return outcome.created() && !outcome.dryRun() ? RestResponse.status(RestResponse.Status.CREATED, body)
                : RestResponse.ok(body);
    }
}
