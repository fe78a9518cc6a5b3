package io.github.authentikprovisioner.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Desired MFA: which device classes count, and whether users without one must set one up. */
@Schema(name = "Mfa", description = "Enforced MFA (seed: 'MFA')")
@Mfa.Enforceable
public record Mfa(
        @Schema(description = "Device classes users may authenticate with", defaultValue = "[\"totp\"]")
        @Size(min = 1, max = 6) List<@NotNull DeviceClass> deviceClasses,

        @Schema(description = "true: users without such a device must set one up (at login and enrollment); "
                + "false: they skip MFA", defaultValue = "true")
        Boolean enforce) {

    public Mfa {
        deviceClasses = deviceClasses == null ? List.of(DeviceClass.TOTP) : deviceClasses;
        enforce = enforce == null || enforce;
    }

    /** Enforcing needs a device class that a fresh install has a setup stage for (totp, static or webauthn). */
    @Documented
    @Constraint(validatedBy = Enforceable.Validator.class)
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    public @interface Enforceable {

        String message() default "enforcing MFA needs totp, static or webauthn: authentik has no default setup stage "
                + "for the other device classes";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        /** Reports the violation on {@code deviceClasses}, the field to change. */
        class Validator implements ConstraintValidator<Enforceable, Mfa> {
            @Override
            public boolean isValid(Mfa mfa, ConstraintValidatorContext context) {
                if (mfa == null || !mfa.enforce() || mfa.deviceClasses().stream()
                        .anyMatch(c -> c == null || c.setupStage().isPresent())) {
                    return true;
                }
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                        .addPropertyNode("deviceClasses").addConstraintViolation();
                return false;
            }
        }
    }
}
