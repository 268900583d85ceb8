package org.ringorder.cli;

import java.nio.file.Path;
import java.util.List;
import org.ringorder.strategy.Strategies;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --strategy}, {@code --out}, and where the child JVMs run ({@code --jvm}, {@code --cpus}):
 * shared by the commands that judge strategies one by one, each in a JVM of its own: stress,
 * litmus, asm, kvm.
 */
final class StrategyOptions {
    @Mixin
    JvmOptions where = new JvmOptions();

    @Option(names = "--strategy", split = ",", paramLabel = "NAME", completionCandidates = Names.class,
            description = "Strategies (default: all of ${COMPLETION-CANDIDATES}).")
    List<String> strategies;

    @Option(names = "--out", paramLabel = "DIR",
            description = "An existing directory for the results (default: a new results/<command>-<time>/).")
    Path out;

    /** The strategies asked for (all by default), each checked. */
    List<String> names() {
        List<String> names = strategies == null || strategies.isEmpty() ? Strategies.NAMES : strategies;
        names.forEach(Strategies::byName);
        return names;
    }

    /** {@code --out} when writable, else a new {@code results/<command>-<time>/}, removed again if the command writes nothing. */
    ResultsDirectory directory(String command) {
        return ResultsDirectory.of(out, command);
    }

    /** The strategy flags, for the help. */
    static final class Names implements Iterable<String> {
        public java.util.Iterator<String> iterator() {
            return Strategies.NAMES.iterator();
        }
    }
}
