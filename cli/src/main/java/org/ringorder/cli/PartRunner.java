package org.ringorder.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Runs a plan's parts one after another, each into its own JMH JSON file, saying which part, n of m, and the time left. */
final class PartRunner {
    /** The benchmarks' system property for the latency directory (RingWorkloadBench reads it). */
    static final String LATENCY_PROPERTY = "ringorder.latency.dir";
    /** The run directory's latency histograms. */
    static final String LATENCY_DIR = "latency";

    private final JmhProcess jmh;
    private final Jvm jvm;
    private final PrintWriter err;

    PartRunner(Jvm jvm, Path jar, String cpus, PrintWriter err) {
        this.jmh = new JmhProcess(jvm, jar, cpus);
        this.jvm = jvm;
        this.err = err;
    }

    /**
     * Runs every part; returns the result files of the parts that finished. {@code onDone} (may be
     * null) hears of each finished part's file as soon as it exists.
     */
    List<Path> runAll(List<Plan.Part> parts, Path dir, Consumer<Path> onDone) {
        return runAll(parts, dir, onDone, null);
    }

    /** As above; with a {@code log}, JMH's output goes there and only its progress lines to the screen. */
    List<Path> runAll(List<Plan.Part> parts, Path dir, Consumer<Path> onDone, Path log) {
        List<Path> done = new ArrayList<>();
        double left = parts.stream().mapToDouble(Plan.Part::seconds).sum();
        for (int i = 0; i < parts.size(); i++) {
            Plan.Part part = parts.get(i);
            err.printf("ringorder: part %d of %d: %s (%d settings) on %s, about %s left%n", i + 1, parts.size(),
                    part.name(), part.settings(), jvm, duration(left));
            err.flush();
            Path file = dir.resolve(String.format("%02d-%s.json", i + 1, part.name()));
            List<String> args = new ArrayList<>(part.jmhArgs(file));
            // forks write the workload's latency histograms here (a property, since JMH forks new JVMs)
            args.addAll(List.of("-jvmArgsAppend", "-D" + LATENCY_PROPERTY + "=" + dir.resolve(LATENCY_DIR)));
            jmh.run(args, log, err);
            done.add(file);
            if (onDone != null) {
                onDone.accept(file);
            }
            left -= part.seconds();
        }
        return done;
    }

    static String duration(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return s >= 3600 ? String.format("%dh %02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format("%dm %02ds", s / 60, s % 60) : s + "s";
    }
}
