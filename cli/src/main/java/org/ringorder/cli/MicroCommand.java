package org.ringorder.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ringorder.evidence.AtomicFiles;
import org.ringorder.evidence.JmhResult;
import org.ringorder.evidence.Pick;
import org.ringorder.evidence.UserError;
import org.ringorder.launch.Jvm;
import org.ringorder.parts.BenchSpec;
import org.ringorder.parts.Home;
import org.ringorder.parts.Parts;
import org.ringorder.parts.Plan;
import org.ringorder.parts.Profile;
import org.ringorder.parts.Progress;
import org.ringorder.parts.RunContext;
import org.ringorder.parts.RunLoop;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ringorder micro}: the reset-path microbenchmarks, validated, then one JMH run per benchmark. */
@Command(name = "micro", mixinStandardHelpOptions = true,
        description = {"Runs the reset-path microbenchmarks (ns per entry of the reset, the harvest and the bare scan, "
                + "per strategy) in their own JVM, and prints each strategy against plain.",
                "Writes JMH's JSON to results/micro-<time>.json (or --out); an earlier file is never overwritten."})
final class MicroCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "smoke, quick (default) or full: the settings below, unless given.")
    String profile = "quick";

    @Option(names = "--bench", split = ",", paramLabel = "NAME",
            completionCandidates = Parts.BenchmarkNames.class,
            description = "Benchmarks, some of: ${COMPLETION-CANDIDATES} (paired: a strategy against plain in the same forks; "
                    + "default: the profile's).")
    List<String> benchmarks;

    @Option(names = "--strategy", split = ",", paramLabel = "NAME",
            completionCandidates = StrategyOptions.Names.class,
            description = "Strategy flags (default: all of ${COMPLETION-CANDIDATES}).")
    List<String> strategies;

    @Option(names = "--ring-size", split = ",", paramLabel = "N", description = "Entries per ring, powers of two in 256..65536.")
    List<String> ringSizes;

    @Option(names = "--vcpus", split = ",", paramLabel = "N", description = "Rings per reset or harvest call, 1..1024.")
    List<String> vcpus;

    @Option(names = "--roles", split = ",", paramLabel = "NAME",
            description = "all (the strategy orders both sides) or userspace (Linux's kernel side, the strategy on the VMM's).")
    List<String> roles;

    @Option(names = "--pattern", split = ",", paramLabel = "NAME",
            description = "Pages the vCPUs dirty: sequential (default), backward or random.")
    List<String> patterns;

    @Option(names = "--layout", split = ",", paramLabel = "NAME",
            description = "Bare-scan memory: heap (int[], default), bytes (byte[], JDK 21 or older) or direct (off-heap).")
    List<String> layouts;

    @Option(names = "--backend", split = ",", paramLabel = "NAME",
            description = "jvm (the Java strategies), native (the same kernels in C11 atomics, via JNI); default: both where the native library loads.")
    List<String> backends;

    @Option(names = "--forks", paramLabel = "N", description = "JMH forks per setting.")
    Integer forks;

    @Option(names = "--iterations", paramLabel = "N", description = "JMH measurement iterations per fork.")
    Integer iterations;

    @Option(names = "--warmup-iterations", paramLabel = "N", description = "JMH warmup iterations per fork.")
    Integer warmups;

    @Mixin
    JvmOptions where = new JvmOptions();

    @Mixin
    VerdictOptions verdict = new VerdictOptions();

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write JMH's JSON (must not exist yet).")
    Path out;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        Plan plan = new Plan(Profile.named(profile, "smoke, quick or full"));
        if (plan.benchmarks.isEmpty()) { // quick's own: its run measures pairs only
            plan.benchmarks = Parts.benchmarks(List.of(BenchSpec.Tier.CORE));
        }
        plan.benchmarks = orDefault(benchmarks, plan.benchmarks);
        plan.strategies = orDefault(strategies, plan.strategies);
        plan.ringSizes = orDefault(ringSizes, plan.ringSizes);
        plan.vcpus = orDefault(vcpus, plan.vcpus);
        plan.roles = orDefault(roles, plan.roles);
        plan.patterns = orDefault(patterns, plan.patterns);
        plan.layouts = orDefault(layouts, plan.layouts);
        if (backends == null || backends.isEmpty()) {
            plan.withNativeIfAvailable(spec.commandLine().getErr());
        } else {
            plan.backends = backends;
        }
        plan.forks = forks != null ? forks : plan.forks;
        plan.iterations = iterations != null ? iterations : plan.iterations;
        plan.warmups = warmups != null ? warmups : plan.warmups;
        plan.cpus = where.cpuCount();
        plan.validate().sayNativeSkips(err);
        Pick.Rule rule = verdict.rule();
        Jvm jvm = where.jvm();
        plan.checkJvm(jvm.major());
        String pin = where.pin();
        Path target = target();
        Path work;
        try {
            work = Files.createTempDirectory(target.getParent(), ".micro-");
        } catch (IOException e) {
            throw new UserError("cannot write to " + target.getParent() + ": " + e.getMessage());
        }
        Thread cleanUp = new Thread(() -> AtomicFiles.deleteQuietly(work)); // Ctrl-C: no half-written file stays
        Runtime.getRuntime().addShutdownHook(cleanUp);
        try {
            RunContext ctx = new RunContext(jvm, pin, work, null, new Progress(err, false), null);
            RunLoop.run(plan.benchmarkParts(), ctx);
            JsonMerge.concatArrays(ctx.jmhFiles(), target);
            List<JmhResult> results = new ArrayList<>();
            ctx.jmhFiles().forEach(p -> results.addAll(JmhResult.read(p)));
            MicroTable.print(results, stdout, rule);
            stdout.println("results: " + target);
            stdout.flush();
            return 0;
        } catch (IOException e) {
            throw new UserError("cannot write " + target + ": " + e.getMessage());
        } finally {
            AtomicFiles.deleteQuietly(work);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanUp);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already
            }
        }
    }

    private Path target() {
        Path t = out != null ? out.toAbsolutePath()
                : Home.results().resolve("micro-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".json");
        if (Files.exists(t)) {
            throw new UserError("--out " + t + " already exists: choose a new file name (earlier results are never overwritten)");
        }
        AtomicFiles.writableDirectory(t.getParent(), "--out");
        return t;
    }

    static List<String> orDefault(List<String> given, List<String> fallback) {
        return given == null || given.isEmpty() ? fallback : given;
    }
}
