package io.github.authentikprovisioner.security;

import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

import io.github.authentikprovisioner.recipes.FreshInstall;
import io.github.authentikprovisioner.reconcile.Ref;

/** Kinds of MFA device authentik's authenticator validation stage accepts (its {@code DeviceClassesEnum}). */
public enum DeviceClass {
    STATIC(FreshInstall.STATIC_SETUP),
    TOTP(FreshInstall.TOTP_SETUP),
    WEBAUTHN(FreshInstall.WEBAUTHN_SETUP),
    DUO(null),
    SMS(null),
    EMAIL(null);

    private final Ref setupStage;

    DeviceClass(Ref setupStage) {
        this.setupStage = setupStage;
    }

    /** The stage of a fresh install that enrolls such a device, if there is one (duo, sms and email need your own). */
    public Optional<Ref> setupStage() {
        return Optional.ofNullable(setupStage);
    }

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
