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

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Compiles the pattern; reports the construct or the compiler's own description of the error. */
    class Validator implements ConstraintValidator<ValidRegex, String> {
        private RegexDialect dialect;

        @Override
        public void initialize(ValidRegex annotation) {
            this.dialect = annotation.dialect();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            if (value.isBlank() || value.contains("\n") || value.contains("\r")) {
                return fail(context, "must be one non-empty regular expression on a single line");
            }
            return dialect.problem(value).map(problem -> fail(context, "'" + value + "' " + problem)).orElse(true);
        }

        private static boolean fail(ConstraintValidatorContext context, String message) {
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(message.replace("{", "\\{").replace("$", "\\$"))
                    .addConstraintViolation();
            return false;
        }
    }
}
