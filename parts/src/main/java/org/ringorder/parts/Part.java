package org.ringorder.parts;

import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * One part of a run: a piece of evidence, planned (its estimate), run, and written as its record
 * (or JMH's file) into the run directory, whole, before {@link #run} returns. {@code run} loops
 * over parts; the report draws whatever records the directory holds.
 */
public interface Part {
    /** E.g. {@code claim}, {@code stress}: the progress line and the part's file name. */
    String name();

    /** What it runs, in a few words, e.g. {@code acquire-load against plain, jvm and native, 6 forks}. */
    String detail();

    /** Seconds it should take as planned now; a part planned from an earlier one's results may change its mind. */
    double estimate();

    void run(RunContext ctx);

    /** This part's place in its run (its files' prefix); parts that write no file of their own ignore it. */
    default Part at(int index) {
        return this;
    }

    /** A part that is a body of code: stress, litmus, asm, kvm. */
    static Part of(String name, String detail, DoubleSupplier estimate, Consumer<RunContext> body) {
        return new Part() {
            public String name() {
                return name;
            }

            public String detail() {
                return detail;
            }

            public double estimate() {
                return estimate.getAsDouble();
            }

            public void run(RunContext ctx) {
                body.accept(ctx);
            }
        };
    }
}
