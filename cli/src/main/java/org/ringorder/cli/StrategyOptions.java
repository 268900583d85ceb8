package org.ringorder.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.ringorder.evidence.AtomicFiles;
import org.ringorder.evidence.UserError;
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

    @Option(names = "--strategy", split = ",", paramLabel = "NAME", description = "Strategies (default: all).")
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

    /** {@code --out} when writable, else a new {@code results/<command>-<time>/}. */
    Path directory(String command) {
        return out != null ? AtomicFiles.writableDirectory(out, "--out") : newResultsDirectory(command);
    }

    static Path newResultsDirectory(String command) {
        Path d = Home.results().resolve(command + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        try {
            Files.createDirectories(d);
        } catch (IOException e) {
            throw new UserError("cannot create " + d + ": " + e.getMessage());
        }
        return d;
    }
}
