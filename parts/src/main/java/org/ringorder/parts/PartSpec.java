package org.ringorder.parts;

import java.util.List;

/**
 * One part of the suite, described once ({@link Parts#ALL} lists them): its name, which
 * {@code --only} takes, a line for the help, and the parts of a run it adds under a plan. A spec
 * that runs children and writes records says how in {@link RecordSpec}; a benchmark is a
 * {@link BenchSpec}. {@code run}, {@code --only}, the profiles and the help iterate the list.
 */
public interface PartSpec {
    /** E.g. {@code stress}, {@code reset}: what {@code --only} takes. */
    String name();

    /** What it measures or checks, in a few words, for the help. */
    String summary();

    /** The parts it adds to a run under this plan: none where the plan's profile leaves it out. */
    List<Part> parts(Plan plan);
}
