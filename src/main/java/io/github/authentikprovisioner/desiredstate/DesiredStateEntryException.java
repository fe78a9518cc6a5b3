package io.github.authentikprovisioner.desiredstate;

/**
 * Applying one entry failed after the entries before it were applied; a re-run converges since every recipe is
 * idempotent. Answered like its cause, with the entry named in the detail.
 */
public final class DesiredStateEntryException extends RuntimeException {

    private final String entry;

    public DesiredStateEntryException(String entry, RuntimeException cause) {
        super("entry " + entry + " failed: " + cause.getMessage(), cause);
        this.entry = entry;
    }

    public String entry() {
        return entry;
    }

    @Override
    public synchronized RuntimeException getCause() {
        return (RuntimeException) super.getCause();
    }
}
