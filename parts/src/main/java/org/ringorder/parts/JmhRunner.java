package org.ringorder.parts;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ringorder.evidence.UserError;
import org.ringorder.launch.ChildProcess;
import org.ringorder.launch.Jvm;

/**
 * Runs {@code benchmarks.jar} (plain JMH) in a JVM of its own, so the CLI's JVM never shares a
 * process with a measurement, under a time limit: a hung JMH and its forks are killed.
 */
final class JmhRunner {
    private static final Pattern PROGRESS = Pattern.compile("^# Run progress: ([0-9.]+)% complete");

    private final Jvm jvm;
    private final Path jar;
    private final String pin;

    JmhRunner(Jvm jvm, Path jar, String pin) {
        this.jvm = jvm;
        this.jar = jar;
        this.pin = pin;
    }

    private List<String> command(List<String> jmhArgs) {
        List<String> rest = new ArrayList<>(List.of("-jar", jar.toString()));
        rest.addAll(jmhArgs);
        return jvm.command(pin, List.of(), rest);
    }

    /** JMH with its own output on the terminal (it prints its progress and ETA). */
    void run(String name, List<String> jmhArgs, Duration limit) {
        check(ChildProcess.of(name, command(jmhArgs)).limit(limit).terminal().run(), "its output above");
    }

    /**
     * JMH with its whole output appended to {@code log}; {@code within} hears how far JMH is (0..1)
     * from its "# Run progress" lines, and {@code alarm} every line that looks like a failure.
     */
    void run(String name, List<String> jmhArgs, Duration limit, Path log, DoubleConsumer within, Consumer<String> alarm) {
        ChildProcess.Result r = ChildProcess.of(name, command(jmhArgs)).limit(limit).log(log).lines(line -> {
            Matcher m = PROGRESS.matcher(line);
            if (m.find()) {
                within.accept(Double.parseDouble(m.group(1)) / 100);
            } else if (line.startsWith("<failure>") || line.contains("Exception")) {
                alarm.accept(line);
            }
        }).run();
        check(r, log.toString());
    }

    private static void check(ChildProcess.Result r, String where) {
        if (r.exitCode() != 0) {
            throw new UserError("JMH exited with status " + r.exitCode() + " (" + where + " says why)");
        }
    }
}
