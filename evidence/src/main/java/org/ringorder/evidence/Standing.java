package org.ringorder.evidence;

import java.util.List;

/**
 * A strategy's standing in a pick, decided once in {@link Selection} and only formatted elsewhere (the
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

    /** {@code strategy}'s standing among {@code standings}; {@link Kind#NOT_MEASURED} for one they do not list. */
    public static Standing of(List<Standing> standings, String strategy) {
        return standings.stream().filter(s -> s.strategy().equals(strategy)).findFirst()
                .orElse(new Standing(strategy, Kind.NOT_MEASURED, ""));
    }

    /** E.g. {@code excluded: seen failing (stress: 3 stale payloads)}. */
    public String words() {
        return kind.words() + (why == null || why.isEmpty() ? "" : " (" + why + ")");
    }
}
