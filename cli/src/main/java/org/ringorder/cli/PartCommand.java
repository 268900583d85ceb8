package org.ringorder.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ringorder.parts.RunContext;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that runs one part alone (stress, litmus, asm, kvm): the strategies and the child
 * JVMs' options it shares with the others, and the context its part runs in, progress on stderr.
 */
abstract class PartCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StrategyOptions which = new StrategyOptions();

    /** The part's context, writing into {@code dir}. */
    RunContext context(Path dir) {
        return RunContext.forCommand(which.where.jvm(), which.where.pin(), dir, spec.commandLine().getErr());
    }

    /** Prints the part's lines and where its results are, on stdout. */
    void print(Iterable<String> lines, Path results) {
        PrintWriter o = spec.commandLine().getOut();
        lines.forEach(o::println);
        o.println("results: " + results);
        o.flush();
    }
}
