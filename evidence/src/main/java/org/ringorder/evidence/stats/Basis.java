package org.ringorder.evidence.stats;

/** What an interval's spread was measured over, which says what it can see. */
public enum Basis {
    /** Fork-level estimates: every fork's mean is one observation, so JIT and layout differences between forks count. */
    FORKS,
    /** One fork's iterations: the fork-to-fork variation is not seen, so the interval is too narrow to decide on. */
    ONE_FORK,
    /** One value: no interval at all. */
    ONE_SAMPLE;

    /** A few words for a claim line or a table. */
    public String words(int forks) {
        return switch (this) {
            case FORKS -> forks + " forks";
            case ONE_FORK -> "one fork: fork-to-fork variation unseen";
            case ONE_SAMPLE -> "one sample: no interval";
        };
    }
}
