package io.github.authentikprovisioner.desiredstate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.github.authentikprovisioner.api.AuthentikCalls;
import io.github.authentikprovisioner.api.Problem;
import io.github.authentikprovisioner.api.RecipeCatalog;
import io.github.authentikprovisioner.api.RecipeReport;
import io.github.authentikprovisioner.reconcile.Change;
import io.github.authentikprovisioner.reconcile.Status;

/**
 * Applies a desired-state document through the same recipe code as the HTTP endpoints: every entry is read and
 * validated first (nothing is applied when one is invalid), then the entries run in order.
 */
@ApplicationScoped
public class DesiredStateApplier {

    private final RecipeCatalog recipes;
    private final Validator validator;
    private final ObjectMapper mapper;

    DesiredStateApplier(RecipeCatalog recipes, Validator validator, ObjectMapper mapper) {
        this.recipes = recipes;
        this.validator = validator;
        this.mapper = mapper;
    }

    public DesiredStateReport apply(List<DesiredStateDocument.Entry> entries, boolean dryRun) {
        List<Object> specs = validate(entries);
        List<DesiredStateReport.EntryReport> reports = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            DesiredStateDocument.Entry entry = entries.get(i);
            RecipeReport report;
            try {
                report = recipes.byName(entry.recipe()).orElseThrow().run(specs.get(i), dryRun);
            } catch (RuntimeException e) {
                throw new DesiredStateEntryException(entry.path(), e);
            }
            reports.add(new DesiredStateReport.EntryReport(entry.index(), entry.recipe(), report.status(),
                    report.changes(), report.authentikCalls()));
        }
        List<Change> all = reports.stream().flatMap(r -> r.changes().stream()).toList();
        AuthentikCalls total = new AuthentikCalls(reports.stream().mapToInt(r -> r.authentikCalls().reads()).sum(),
                reports.stream().mapToInt(r -> r.authentikCalls().writes()).sum());
        return new DesiredStateReport(Status.of(all, dryRun), reports, total);
    }

    /** Jackson's reason without the offending value (it may be a password). */
    private static String describe(JsonMappingException e) {
        return switch (e) {
            case UnrecognizedPropertyException u -> "unknown field; known fields: " + u.getKnownPropertyIds();
            case InvalidFormatException f when f.getTargetType() != null && f.getTargetType().isEnum() ->
                "must be one of " + java.util.Arrays.stream(f.getTargetType().getEnumConstants()).map(String::valueOf).toList();
            default -> "has the wrong type";
        };
    }

    private List<Object> validate(List<DesiredStateDocument.Entry> entries) {
        List<Object> specs = new ArrayList<>();
        List<Problem.FieldError> errors = new ArrayList<>();
        for (DesiredStateDocument.Entry entry : entries) {
            RecipeCatalog.Recipe<?> recipe = recipes.byName(entry.recipe()).orElse(null);
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
                errors.add(new Problem.FieldError(entry.path() + field, describe(e)));
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
