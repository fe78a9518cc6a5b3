package io.github.authentikprovisioner.desiredstate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.authentikprovisioner.api.AuthentikCalls;
import io.github.authentikprovisioner.api.Problem;
import io.github.authentikprovisioner.api.ProblemMappers;
import io.github.authentikprovisioner.api.RecipeReport;
import io.github.authentikprovisioner.authentik.Authentik;
import io.github.authentikprovisioner.authentik.AuthentikSession;
import io.github.authentikprovisioner.authentik.Kind;
import io.github.authentikprovisioner.recipes.Gates;
import io.github.authentikprovisioner.recipes.Recipe;
import io.github.authentikprovisioner.reconcile.Change;
import io.github.authentikprovisioner.reconcile.Status;

/**
 * Applies a desired-state document through the same recipe beans as the HTTP endpoints: every entry is read and
 * validated first (nothing is applied when one is invalid), then the entries run in order in one authentik session,
 * so each kind of object is read once for the whole document: all of them at once, before the first entry.
 */
@ApplicationScoped
public class DesiredStateApplier {

    private static final Logger LOG = Logger.getLogger(DesiredStateApplier.class);

    private final Authentik authentik;
    private final RecipeCatalog recipes;
    private final Validator validator;
    private final ObjectMapper mapper;

    DesiredStateApplier(Authentik authentik, RecipeCatalog recipes, Validator validator, ObjectMapper mapper) {
        this.authentik = authentik;
        this.recipes = recipes;
        this.validator = validator;
        this.mapper = mapper;
    }

    public DesiredStateReport apply(List<DesiredStateDocument.Entry> entries, boolean dryRun) {
        return apply(entries, dryRun, authentik.documentSession());
    }

    /** {@link #apply(List, boolean)} in a given session (one with another read concurrency, in the benchmark). */
    DesiredStateReport apply(List<DesiredStateDocument.Entry> entries, boolean dryRun, AuthentikSession session) {
        List<Object> specs = validate(entries);
        List<DesiredStateReport.EntryReport> reports = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            DesiredStateDocument.Entry entry = entries.get(i);
            AuthentikCalls before = AuthentikCalls.of(session);
            RecipeReport report;
            try {
                if (i == 0) {
                    // every kind the document's recipes read, in one round of parallel reads, counted with the
                    // first entry: the later entries are answered from the session's snapshots
                    List<Kind> kinds = new ArrayList<>();
                    for (int j = 0; j < entries.size(); j++) {
                        kinds.addAll(reads(recipes.byName(entries.get(j).recipe()).orElseThrow(), specs.get(j)));
                    }
                    session.prefetch(kinds);
                }
                report = run(recipes.byName(entry.recipe()).orElseThrow(), session, specs.get(i), dryRun);
            } catch (RuntimeException e) {
                throw new DesiredStateEntryException(entry.path(), e);
            }
            AuthentikCalls after = AuthentikCalls.of(session);
            reports.add(new DesiredStateReport.EntryReport(entry.index(), entry.recipe(), report.status(),
                    report.changes(), new AuthentikCalls(after.reads() - before.reads(),
                            after.writes() - before.writes()), report.warnings()));
        }
        reports = dryRun ? reports : withoutOutdatedWarnings(reports, session);
        for (int i = 0; i < reports.size(); i++) {
            String path = entries.get(i).path();
            reports.get(i).warnings().forEach(w -> LOG.warnf("%s: %s", path, w));
        }
        List<Change> all = reports.stream().flatMap(r -> r.changes().stream()).toList();
        return new DesiredStateReport(Status.of(all, dryRun), reports, AuthentikCalls.of(session));
    }

    /**
     * The reports without the warnings a later entry made untrue: an app's entry says nobody is in its gate group,
     * and the document's {@code user:} entry after it puts the admin in. Read from the session's snapshots, which the
     * writes kept current: no call.
     */
    private static List<DesiredStateReport.EntryReport> withoutOutdatedWarnings(
            List<DesiredStateReport.EntryReport> reports, AuthentikSession session) {
        return reports.stream().map(r -> r.warnings().isEmpty() ? r
                : new DesiredStateReport.EntryReport(r.index(), r.recipe(), r.status(), r.changes(),
                        r.authentikCalls(), r.warnings().stream().filter(w -> !Gates.outdated(session, w)).toList()))
                .toList();
    }

    /** The kinds {@code recipe} reads for a request already read as its {@link Recipe#specType()}. */
    static <S> Set<Kind> reads(Recipe<S, ?> recipe, Object spec) {
        return recipe.reads(recipe.specType().cast(spec));
    }

    /** Runs {@code recipe} for a request already read as its {@link Recipe#specType()} and validated. */
    private static <S> RecipeReport run(Recipe<S, ?> recipe, AuthentikSession session, Object spec, boolean dryRun) {
        return recipe.run(session, recipe.specType().cast(spec), dryRun);
    }


    /** Each entry read as its recipe's request and validated; throws naming every invalid field. */
    List<Object> validate(List<DesiredStateDocument.Entry> entries) {
        List<Object> specs = new ArrayList<>();
        List<Problem.FieldError> errors = new ArrayList<>();
        for (DesiredStateDocument.Entry entry : entries) {
            Recipe<?, ?> recipe = recipes.byName(entry.recipe()).orElse(null);
            if (recipe == null) {
                errors.add(new Problem.FieldError("[" + entry.index() + "]." + entry.recipe(),
                        "unknown recipe; known: " + recipes.names()));
                specs.add(null);
                continue;
            }
            try {
                Object spec = mapper.treeToValue(entry.spec(), recipe.specType());
                for (ConstraintViolation<Object> v : validator.validate(spec)) {
                    errors.add(new Problem.FieldError(entry.path() + "." + v.getPropertyPath(), v.getMessage()));
                }
                specs.add(spec);
            } catch (JsonMappingException e) {
                String field = e.getPath().stream()
                        .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                        .reduce("", String::concat);
                errors.add(new Problem.FieldError(entry.path() + field, ProblemMappers.describe(e)));
                specs.add(null);
            } catch (Exception e) {
                errors.add(new Problem.FieldError(entry.path(), "cannot be read: " + e.getMessage()));
                specs.add(null);
            }
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(Problem.FieldError::field));
            throw new InvalidDesiredStateException(errors);
        }
        return specs;
    }
}
