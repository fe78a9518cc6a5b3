package io.github.authentikprovisioner.email;

import java.util.List;

import io.github.authentikprovisioner.mail.MailSettings;

/** authentik's SMTP settings cannot send at all; answered as a 400 naming each variable to fix. */
final class EmailNotConfiguredException extends RuntimeException {

    private final transient List<MailSettings.Invalid> problems;

    EmailNotConfiguredException(List<MailSettings.Invalid> problems) {
        super(problems.getFirst().message() + "; set the AUTHENTIK_EMAIL__* variables authentik's worker has");
        this.problems = List.copyOf(problems);
    }

    List<MailSettings.Invalid> problems() {
        return problems;
    }
}
