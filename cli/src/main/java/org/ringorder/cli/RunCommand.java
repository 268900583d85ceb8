package org.ringorder.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ringorder.evidence.AtomicFiles;
import org.ringorder.evidence.EnvRecord;
import org.ringorder.evidence.Pick;
import org.ringorder.evidence.Run;
import org.ringorder.evidence.UserError;
import org.ringorder.jni.Cpus;
import org.ringorder.launch.ChildProcess;
import org.ringorder.launch.Jvm;
import org.ringorder.parts.Decision;
import org.ringorder.parts.EnvProbe;
import org.ringorder.parts.Home;
import org.ringorder.parts.Part;
import org.ringorder.parts.PartSpec;
import org.ringorder.parts.Parts;
import org.ringorder.parts.Plan;
import org.ringorder.parts.Profile;
import org.ringorder.parts.Progress;
import org.ringorder.parts.RunContext;
import org.ringorder.parts.RunLoop;
import org.ringorder.plot.Drawing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ringorder run}: everything the suite measures, as a loop over parts, into a
 * self-describing run directory. The directory is built under a hidden name and renamed into
 * place when the run ends, whole: on Ctrl-C or a failed part it keeps the parts that finished and
 * says so in env.json.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Measures this machine: every part of the suite, one after another, with progress.",
                "Writes results/<arch>-<cpu>-<jdk>-<time>/ with jmh.json, figures.csv, env.json, charts/, report.html "
                        + "and jmh.log (JMH's output)."})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "quick (default: the decision, paired: the null pairs, the claim on both backends, the other "
                    + "candidates; a short stress, asm and the real KVM ring; within 5 minutes), full (the whole grid, the "
                    + "workload, latency, 60 s of stress per strategy, the jcstress litmus tests and a decision at more forks, with "
                    + "the claim on the concurrent workload at every vCPU count the CPUs allow: hours) or smoke (each part once at its smallest: tests only, it measures nothing).")
    String profile = "quick";

    @Option(names = "--out", paramLabel = "DIR", description = "Where to create the run directory (default: results/).")
    Path out;

    @Option(names = "--budget", paramLabel = "SECONDS",
            description = "The time the run may take (default: the profile's, 300 for quick). Each comparison's forks are "
                    + "planned from its first look within it; one the budget cannot decide is reported inconclusive, with the forks "
                    + "it would take.")
    Double budget;

    @Option(names = "--only", paramLabel = "PART", split = ",", completionCandidates = Parts.Names.class,
            description = "Run only these parts, some of: ${COMPLETION-CANDIDATES} (decision: the null pairs, the claim and the "
                    + "candidates; paired: every strategy against plain; concurrent: the claim on the concurrent workload, added to "
                    + "the decision of any profile). E.g. --profile smoke --only reset,kvm (CI's smoke "
                    + "under emulation).")
    List<String> only;

    @Option(names = "--strategy", paramLabel = "NAME", split = ",",
            description = "Only these strategies, in every part but the decision's claim (acquire-load against plain).")
    List<String> strategies;

    @Mixin
    JvmOptions where = new JvmOptions();

    @Mixin
    VerdictOptions verdict = new VerdictOptions();

    /** JMH's whole output, kept in the run directory. */
    static final String LOG = "jmh.log";

    private final Object lock = new Object();
    private boolean finished;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Plan plan = new Plan(Profile.named(profile, "quick, full or smoke")).withNativeIfAvailable(err);
        if (strategies != null) {
            plan.strategies = strategies;
        }
        plan.cpus = where.cpuCount();
        plan.validate().sayNativeSkips(err);
        Parts.checkOnly(only);
        if (only != null && only.contains("concurrent") && plan.cpus < 2) {
            throw new UserError(Cpus.refusal(1, plan.cpus));
        }
        if (only != null) { // a benchmark named in --only runs, in any profile
            plan.benchmarks = Parts.benchmarkNames().stream().filter(b -> plan.benchmarks.contains(b) || only.contains(b)).toList();
        }
        Pick.Rule rule = verdict.rule();
        double seconds = budget != null ? budget : plan.profile.settings.budgetSeconds;
        if (!(seconds > 0)) {
            throw new UserError("--budget " + budget + " is out of range: expected seconds above 0");
        }
        Jvm jvm = where.jvm();
        plan.checkJvm(jvm.major());
        String pin = where.pin();
        Path parent = out != null ? AtomicFiles.writableDirectory(out, "--out") : results();
        Instant start = Instant.now();
        String name = EnvProbe.runName(jvm, LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Path target = parent.resolve(name);
        if (Files.exists(target)) {
            throw new UserError(target + " already exists: wait a second and run again (earlier runs are never overwritten)");
        }
        Path work = parent.resolve("." + name + ".part");
        List<Double> loadStart = EnvProbe.loadAverage();
        long[] cpuStart = EnvProbe.cpuTimes();
        EnvRecord env = EnvProbe.probe(jvm, profile, start, pin);
        plan.decision = new Decision(rule, seconds, plan.profile);
        Decision decision = plan.decision;
        Progress progress = new Progress(err, Progress.terminal());
        List<Part> parts = parts(plan, only);
        if (parts.isEmpty() && only != null) {
            throw new UserError("--only " + String.join(",", only) + ": nothing of it runs here under profile " + profile
                    + " (kvm needs /dev/kvm; litmus runs under smoke and full)");
        }
        String noKvm = env.kvm().unusable(); // said once everything else is checked: bad input stays one line
        if (noKvm != null && (only == null || only.contains("kvm"))) {
            err.println("ringorder: kvm part left out: " + noKvm);
            err.flush();
        }
        try {
            Files.createDirectory(work);
        } catch (IOException e) {
            throw new UserError("cannot write to " + parent + ": " + e.getMessage());
        }
        Run.writeEnv(work, env);
        RunContext ctx = new RunContext(jvm, pin, work, work.resolve(LOG), progress, decision);
        try {
            Drawing.warmUp(); // AWT registers shutdown hooks of its own on first use: not possible once Ctrl-C arrived
        } catch (RuntimeException | LinkageError e) { // a JDK without its font libraries (a bare arm64 sysroot)
            err.println("ringorder: charts cannot be drawn with this JDK (" + e.getMessage() + "): the results are kept; "
                    + "draw them with ./ringorder plot DIR where fonts are installed");
            err.flush();
        }
        Runnable close = () -> {
            synchronized (lock) {
                if (!finished) {
                    finish(ctx, target, env.withNoise(decision.noise(loadStart, EnvProbe.loadAverage(),
                            EnvProbe.stealPercent(cpuStart, EnvProbe.cpuTimes()))).withDesign(decision.design()), false, rule, err);
                }
            }
        };
        Thread onInterrupt = new Thread(() -> {
            ChildProcess.killAll(); // first: a dying JMH still writes its part's file
            if (discardIfNothingFinished(ctx)) {
                err.println("ringorder: interrupted: no part finished, so no run was kept");
            } else {
                close.run();
                err.printf("ringorder: interrupted: kept the %s that finished in %s, marked incomplete in env.json%n",
                        ctx.partsWords(), target);
            }
            err.flush();
        });
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            RunLoop.run(parts, ctx);
        } catch (UserError | ChildProcess.Failure e) {
            progress.done();
            if (discardIfNothingFinished(ctx)) {
                throw new UserError(e.getMessage() + "; no part finished, so no run was kept");
            }
            close.run();
            throw new UserError(e.getMessage() + "; kept the " + ctx.partsWords() + " that finished in " + target
                    + ", marked incomplete");
        } finally {
            removeHook(onInterrupt);
        }
        synchronized (lock) {
            finish(ctx, target, env.withNoise(decision.noise(loadStart, EnvProbe.loadAverage(),
                    EnvProbe.stealPercent(cpuStart, EnvProbe.cpuTimes()))).withDesign(decision.design()), true, rule, err);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("run: " + target);
        stdout.println("report: " + target.resolve(Run.REPORT));
        stdout.flush();
        return 0;
    }

    /**
     * Removes the work directory when nothing was measured (no part finished, no JMH file of an
     * unfinished one): a run that failed or was interrupted that early leaves no directory behind.
     */
    private boolean discardIfNothingFinished(RunContext ctx) {
        synchronized (lock) {
            if (finished || ctx.partsDone() > 0 || !ctx.jmhFiles().isEmpty()) {
                return false;
            }
            finished = true;
            AtomicFiles.deleteQuietly(ctx.work);
            return true;
        }
    }

    /**
     * Every part of a run, in the order it runs; {@code only} (null: all) names the parts to keep.
     * The decision comes first and leaves time for every part after it, and for drawing the report.
     */
    static List<Part> parts(Plan plan, List<String> only) {
        Decision decision = plan.decision;
        List<Part> parts = new ArrayList<>();
        List<Part> after = new ArrayList<>();
        for (PartSpec spec : Parts.ALL) {
            if (only == null || only.contains(spec.name())) {
                (spec == Parts.DECISION ? parts : after).addAll(spec.parts(plan));
            }
        }
        decision.after(() -> after.stream().mapToDouble(Part::estimate).sum() + 10);
        parts.addAll(after);
        return parts;
    }

    /**
     * Merges the finished parts, writes env.json, draws, renames into place; once. The charts are
     * drawn last and may fail alone: the results never do.
     */
    private void finish(RunContext ctx, Path target, EnvRecord env, boolean completed, Pick.Rule rule, PrintWriter err) {
        finished = true;
        Path work = ctx.work;
        try {
            JsonMerge.concatArrays(ctx.jmhFiles(), work.resolve(Run.JMH));
            try (var left = Files.newDirectoryStream(work, "{[0-9][0-9]-*.json,.stress-*.json.part,.kvm-*.json.part}")) {
                for (Path part : left) {
                    Files.delete(part); // merged, or an unfinished part's file
                }
            }
            AtomicFiles.deleteQuietly(work.resolve("." + Run.LITMUS_DIR + ".part"));
            Run.writeEnv(work, env.ended(Instant.now().toString(), completed));
        } catch (IOException | RuntimeException e) {
            err.println("ringorder: could not write the results into " + work + ": " + e.getMessage());
            err.flush();
            return;
        }
        try {
            Drawing.run(Run.load(work), rule);
        } catch (Drawing.ChartsNotDrawn e) {
            err.println("ringorder: the report has no charts (" + e.getMessage() + "): run ./ringorder plot " + target
                    + " where fonts are installed");
            err.flush();
        } catch (RuntimeException | LinkageError e) {
            err.println("ringorder: the charts were not drawn (" + e.getMessage() + "): run ./ringorder plot " + target);
            err.flush();
        }
        try {
            Files.move(work, target);
            // an interrupted part's JMH may still land its raw file while it dies: raw part files never stay
            try (var late = Files.newDirectoryStream(target, "[0-9][0-9]-*.json")) {
                for (Path part : late) {
                    Files.deleteIfExists(part);
                }
            }
        } catch (IOException e) {
            err.println("ringorder: could not rename " + work + " to " + target + ": " + e.getMessage());
            err.flush();
        }
    }

    private static Path results() {
        Path r = Home.results();
        try {
            Files.createDirectories(r);
        } catch (IOException e) {
            throw new UserError("cannot create " + r + ": " + e.getMessage());
        }
        return AtomicFiles.writableDirectory(r, "--out");
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it finishes the directory
        }
    }
}
