package io.github.authentikprovisioner.invitations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Provider;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** A validity that lies in the future and within the configured maximum ({@code PROVISIONER_INVITATIONS_MAX_EXPIRY}). */
@Documented
@Constraint(validatedBy = ValidExpiry.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidExpiry {

    String message() default "must be a positive duration within the configured maximum";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /**
     * Compares with the configured maximum, so the message can name it. The configuration is looked up on use: the
     * validator is built while the application starts, before runtime configuration is available.
     */
    @ApplicationScoped
    class Validator implements ConstraintValidator<ValidExpiry, Duration> {

        private final Provider<InvitationsConfig> config;

        Validator(Provider<InvitationsConfig> config) {
            this.config = config;
        }

        @Override
        public boolean isValid(Duration value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            String problem = value.isNegative() || value.isZero() ? "must be positive: the invitation would expire "
                    + "immediately or in the past"
                    : value.compareTo(config.get().maxExpiry()) > 0 ? "must be at most " + iso(config.get().maxExpiry())
                            + " (PROVISIONER_INVITATIONS_MAX_EXPIRY)"
                    : null;
            if (problem == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
            return false;
        }

        /** P30D rather than Duration's PT720H, as people write it. */
        static String iso(Duration d) {
            return d.toSeconds() % 86_400 == 0 && d.getNano() == 0 ? "P" + d.toDays() + "D" : d.toString();
        }
    }
}
