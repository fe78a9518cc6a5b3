package io.github.authentikprovisioner.desiredstate;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.github.authentikprovisioner.api.AuthentikCalls;
import io.github.authentikprovisioner.reconcile.Change;
import io.github.authentikprovisioner.reconcile.Status;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** What applying a desired-state document did: per entry, and in total. */
@Schema(name = "DesiredStateReport")
@RegisterForReflection
public record DesiredStateReport(
        @Schema(description = "created, updated, deleted, unchanged, or planned for a dry run") Status status,
        List<EntryReport> entries,
        AuthentikCalls authentikCalls) {

    /** One recipe of the document: what it did (its recipe-specific answer is left out). */
    @Schema(name = "DesiredStateEntryReport")
    public record EntryReport(
            @Schema(examples = "0") int index,
            @Schema(examples = "servarr") String recipe,
            Status status,
            List<Change> changes,
            @Schema(description = "The calls this entry made. Each kind of object is read once for the whole "
                    + "document, all kinds at once before the first entry, and those reads are counted with the "
                    + "first entry") AuthentikCalls authentikCalls,
            @Schema(description = "What still keeps people out although the entry did its part, for a human")
            List<String> warnings) {
    }
}
