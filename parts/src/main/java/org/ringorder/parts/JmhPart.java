package org.ringorder.parts;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.ringorder.evidence.Emulation;

/**
 * A part that is one JMH run: a benchmark (a JMH include regex), its params, and its forks, which
 * a decision part takes from the pilot only when it starts. Writes {@code NN-name.json} (JMH's own
 * JSON) into the run directory; forks write the workload's latency histograms into its
 * {@code latency/}.
 */
final class JmhPart implements Part {
    /** The benchmarks' system property for the latency directory (RingWorkloadBench reads it). */
    static final String LATENCY_PROPERTY = "ringorder.latency.dir";
    static final String LATENCY_DIR = "latency";

    /** After the part: its JMH file and the seconds it ran. */
    interface Then {
        void accept(Path jmhFile, double seconds);
    }

    private final String name;
    private final String detail;
    private final String include;
    private final List<String> params;
    private final int settings;
    private final IntSupplier forks;
    private final List<String> iterations;
    private final double secondsPerFork;
    private final Then then;
    private int index;

    /**
     * @param settings       how many param combinations (each runs its own forks)
     * @param forks          forks per setting, asked when the part starts
     * @param iterations     JMH's warmup and measurement options
     * @param secondsPerFork one fork's iterations and JVM start
     */
    JmhPart(String name, String detail, String include, List<String> params, int settings, IntSupplier forks,
            List<String> iterations, double secondsPerFork, Then then) {
        this.name = name;
        this.detail = detail;
        this.include = include;
        this.params = params;
        this.settings = settings;
        this.forks = forks;
        this.iterations = iterations;
        this.secondsPerFork = secondsPerFork;
        this.then = then;
    }

    /** This part's place in its run, for its file name. */
    @Override
    public JmhPart at(int index) {
        this.index = index;
        return this;
    }

    public String name() {
        return name;
    }

    public String detail() {
        return detail + ", " + settings + " setting" + (settings == 1 ? "" : "s");
    }

    public double estimate() {
        return settings * forks.getAsInt() * secondsPerFork;
    }

    /** JMH's arguments, the result file last. */
    List<String> args(Path resultFile) {
        List<String> args = new ArrayList<>(List.of(include));
        args.addAll(params);
        args.addAll(List.of("-f", String.valueOf(forks.getAsInt())));
        args.addAll(iterations);
        args.addAll(List.of("-rf", "json", "-rff", resultFile.toString()));
        return args;
    }

    /** Past twice the estimate and two minutes, JMH hangs: killed. */
    Duration limit() {
        return Emulation.stretch(Duration.ofSeconds(Math.round(2 * estimate() + 120)));
    }

    public void run(RunContext ctx) {
        Path file = ctx.work.resolve(String.format("%02d-%s.json", index, name));
        List<String> args = args(file);
        args.addAll(List.of("-jvmArgsAppend", "-D" + LATENCY_PROPERTY + "=" + ctx.work.resolve(LATENCY_DIR)));
        long t0 = System.nanoTime();
        JmhRunner jmh = new JmhRunner(ctx.jvm, Home.benchmarksJar(), ctx.pin);
        if (ctx.log == null) {
            jmh.run("the " + name + " part (JMH)", args, limit()); // JMH's own output on the terminal
        } else {
            jmh.run("the " + name + " part (JMH)", args, limit(), ctx.log, ctx.progress::within, line -> ctx.progress.say("  " + line));
        }
        ctx.finished(file);
        if (then != null) {
            then.accept(file, (System.nanoTime() - t0) / 1e9);
        }
    }

    /** JMH's warmup and measurement iterations. */
    static List<String> iterationArgs(int wi, double warmupSeconds, int it, double iterationSeconds) {
        return List.of("-wi", String.valueOf(wi), "-w", seconds(warmupSeconds), "-i", String.valueOf(it), "-r", seconds(iterationSeconds));
    }

    private static String seconds(double s) {
        return s >= 1 ? (int) s + "s" : Math.round(s * 1000) + "ms";
    }
}
