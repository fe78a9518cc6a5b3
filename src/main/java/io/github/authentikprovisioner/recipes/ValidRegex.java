package io.github.authentikprovisioner.recipes;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * The string is one regular expression on a single line (authentik joins them with newlines) that both Java and the
 * engine which finally compiles it ({@link #dialect()}) accept.
 */
@Documented
@Constraint(validatedBy = ValidRegex.Validator.class)
@Target({ ElementType.FIELD, ElementType.TYPE_USE, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidRegex {

    String message() default "is not a valid regular expression";

    /** The engine authentik hands the expression to. */
    RegexDialect dialect();

    /**
     * Whether the expression is matched against the whole URL ({@code https://host/path}), as a domain-level
     * provider's skip paths are: one that matches only a path is refused with the pattern to write instead
     * ({@link WholeUrlPattern}).
     */
    boolean wholeUrl() default false;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Compiles the pattern; reports the construct or the compiler's own description of the error. */
    class Validator implements ConstraintValidator<ValidRegex, String> {
        private RegexDialect dialect;
        private boolean wholeUrl;

        @Override
        public void initialize(ValidRegex annotation) {
            this.dialect = annotation.dialect();
            this.wholeUrl = annotation.wholeUrl();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            if (value.isBlank() || value.contains("\n") || value.contains("\r")) {
                return fail(context, "must be one non-empty regular expression on a single line");
            }
            java.util.Optional<String> problem = dialect.problem(value);
            if (problem.isPresent()) {
                return fail(context, "'" + value + "' " + problem.get());
            }
            return !wholeUrl || WholeUrlPattern.correction(value).map(fixed -> fail(context, "'" + value
                    + "' can never match: domain-level forward auth matches it against the whole URL "
                    + "(https://host/path), not the path; write " + fixed + " instead")).orElse(true);
        }

        private static boolean fail(ConstraintValidatorContext context, String message) {
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(message.replace("{", "\\{").replace("$", "\\$"))
                    .addConstraintViolation();
            return false;
        }
    }
}
