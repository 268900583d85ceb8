package org.ringorder.ring;

/**
 * The reset side's promise, checked call by call: once it has seen doorbell D (entries marked
 * RESET so far), the entries it has reset in all must reach D by the end of that reset call. The
 * check is cumulative, because a scan that finds a later entry RESET while an earlier one is not
 * yet is allowed; each shortfall is counted once. One reset thread owns an audit.
 */
public final class DoorbellAudit {
    private int seen;
    private int total;
    private long shortResets;
    private int forgiven;

    /** Whether the doorbell says more was marked than at the last reset: time to call the reset. */
    public boolean rang(int doorbell) {
        return doorbell != seen;
    }

    /** After a reset call that followed doorbell {@code doorbell} and reset {@code reset} entries. */
    public void afterReset(int doorbell, int reset) {
        total += reset;
        seen = doorbell;
        if (total - doorbell < 0) {
            shortResets++;
            total = doorbell; // count each shortfall once
        }
    }

    /**
     * After a reset call that followed doorbell {@code doorbell}, when {@code resetSoFar} entries
     * have been reset in all, by any thread (free-running, as the doorbell is).
     */
    public void afterResetTotal(int doorbell, int resetSoFar) {
        seen = doorbell;
        if (resetSoFar + forgiven - doorbell < 0) {
            shortResets++;
            forgiven = doorbell - resetSoFar; // count each shortfall once
        }
    }

    /** Reset calls that ended short of the doorbell they followed. */
    public long shortResets() {
        return shortResets;
    }
}
