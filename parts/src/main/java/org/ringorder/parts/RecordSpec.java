package org.ringorder.parts;

import java.util.List;

/**
 * A part that judges strategies in processes of its own and writes typed records: its settings
 * (checked where they are made), its time estimate, how it runs into a directory, and the lines
 * that say its verdict. The part's command (e.g. {@code ringorder stress}) fills the same
 * settings from its options and calls the same {@link #run} and {@link #lines}.
 *
 * @param <S> its settings
 * @param <R> its record, as its results file holds it
 */
public abstract class RecordSpec<S, R> implements PartSpec {
    /** Its settings in a run under this plan, or null where the profile leaves it out. */
    public abstract S settings(Plan plan);

    /** What it runs, in a few words, for the progress line. */
    public abstract String detail(S settings, List<String> strategies);

    /** Seconds it should take. */
    public abstract double estimate(S settings, List<String> strategies);

    /** Runs every strategy, writes the results file into {@code ctx.work} whole, and returns its records. */
    public abstract List<R> run(S settings, List<String> strategies, RunContext ctx);

    /** The verdict, one line per record or a table, as its command prints it. */
    public abstract List<String> lines(S settings, List<R> records);

    @Override
    public final List<Part> parts(Plan plan) {
        S s = settings(plan);
        if (s == null) {
            return List.of();
        }
        List<String> strategies = plan.strategies;
        return List.of(Part.of(name(), detail(s, strategies), () -> estimate(s, strategies), ctx -> run(s, strategies, ctx)));
    }
}
