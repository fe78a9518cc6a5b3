package io.github.authentikprovisioner.api;

import java.util.List;

import org.jboss.resteasy.reactive.RestResponse;

import io.github.authentikprovisioner.reconcile.Change;
import io.github.authentikprovisioner.reconcile.Status;

/** What every recipe answers: its status, the changes it made (or planned) and the authentik calls it took. */
public interface RecipeReport {

    Status status();

    List<Change> changes();

    AuthentikCalls authentikCalls();

    /** What still keeps people out although the recipe did its part, for a human; empty when nothing does. */
    default List<String> warnings() {
        return List.of();
    }

    /** 201 when something was created, 200 otherwise (dry runs and removals included); warnings are logged. */
    static <T extends RecipeReport> RestResponse<T> respond(T body) {
        body.warnings().forEach(w -> org.jboss.logging.Logger.getLogger(RecipeReport.class).warn(w));
        return body.status() == Status.CREATED ? RestResponse.status(RestResponse.Status.CREATED, body)
                : RestResponse.ok(body);
    }
}
