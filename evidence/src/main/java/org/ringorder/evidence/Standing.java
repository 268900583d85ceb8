package org.ringorder.evidence;

/**
 * A strategy's standing in a pick, decided once in {@link Pick} and only formatted elsewhere (the
 * command line, the report, compare): picked, a candidate, excluded (and why), unsafe, or not
 * measured.
 */
public record Standing(String strategy, Kind kind, String why) {
    public enum Kind {
        PICKED("picked"),
        CANDIDATE("candidate"),
        SEEN_FAILING("excluded: seen failing"),
        NOT_MEASURED_EVERYWHERE("excluded: not measured in every run"),
        UNSAFE("never picked: unsafe"),
        NOT_MEASURED("not measured");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** E.g. {@code excluded: seen failing (stress: 3 stale payloads)}. */
    public String words() {
        return kind.words() + (why == null || why.isEmpty() ? "" : " (" + why + ")");
    }
}
