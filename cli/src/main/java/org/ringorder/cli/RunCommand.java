package org.ringorder.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
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
import org.ringorder.plot.Drawing;
import org.ringorder.results.AtomicFiles;
import org.ringorder.results.Run;
import org.ringorder.results.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ringorder run}: everything the suite measures, into a self-describing run directory.
 * The directory is built under a hidden name and renamed into place when the run ends, whole:
 * on Ctrl-C or a failed part it keeps the parts that finished and says so in env.json.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Measures this machine: every part of the suite, one after another, with progress.",
                "Writes results/<arch>-<cpu>-<jdk>-<time>/ with jmh.json, figures.csv, env.json, charts/, report.html "
                        + "and jmh.log (JMH's output)."})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "quick (default: one setting, every strategy, both backends, the workload at 1 vCPU, 3 s of stress per strategy, asm, 2 s per strategy on the real KVM ring; about 6.5 minutes here), full (the whole grid, 60 s of stress per strategy and the jcstress litmus tests at mode quick: hours) or smoke (each benchmark once, the litmus tests at mode sanity: tests only).")
    String profile = "quick";

    @Option(names = "--out", paramLabel = "DIR", description = "Where to create the run directory (default: results/).")
    Path out;

    @Mixin
    JvmOptions where = new JvmOptions();

    /** JMH's whole output, kept in the run directory. */
    static final String LOG = "jmh.log";

    private final Object lock = new Object();
    private boolean finished;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Plan plan = new Plan(Plan.Profile.named(profile, "quick, full or smoke")).withNativeIfAvailable(err).validate();
        Jvm jvm = where.jvm();
        plan.checkJvm(jvm);
        String pin = where.pin();
        Path parent = out != null ? AtomicFiles.writableDirectory(out, "--out") : results();
        Instant start = Instant.now();
        String name = EnvProbe.runName(jvm, LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Path target = parent.resolve(name);
        if (Files.exists(target)) {
            throw new UserError(target + " already exists: wait a second and run again (earlier runs are never overwritten)");
        }
        Path work = parent.resolve("." + name + ".part");
        JsonObject env = EnvProbe.probe(jvm, profile, start);
        env.addProperty("pinnedCpus", pin);
        List<Plan.Part> parts = plan.parts();
        List<Path> done = new ArrayList<>();
        try {
            Files.createDirectory(work);
        } catch (IOException e) {
            throw new UserError("cannot write to " + parent + ": " + e.getMessage());
        }
        writeEnv(work, env);
        Drawing.warmUp(); // AWT registers shutdown hooks of its own on first use: not possible once Ctrl-C arrived
        Thread onInterrupt = new Thread(() -> {
            if (finish(work, target, env, done, false, err)) {
                err.printf("ringorder: interrupted: kept %d of %d parts in %s, marked incomplete in env.json%n",
                        done.size(), parts.size(), target);
                err.flush();
            }
        });
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            new PartRunner(jvm, Home.benchmarksJar(), pin, err).runAll(parts, work, f -> {
                synchronized (lock) {
                    done.add(f);
                }
            }, work.resolve(LOG));
            var stress = StressCommand.run(jvm, pin, plan.strategies, "all", plan.stressSeconds(), 1, work, err);
            AtomicFiles.writeString(work.resolve(Run.STRESS), stress.toString());
            if (plan.litmusMode() != null) {
                LitmusCommand.run(jvm, pin, plan.litmusMode(), plan.strategies, work, err);
            }
            var asm = AsmCommand.run(jvm, AsmCommand.defaultArches(err), plan.strategies, work, err);
            AtomicFiles.writeString(work.resolve(Run.ASM), asm.toString());
            var noKvm = org.ringorder.jni.Kvm.unavailable();
            if (noKvm.isPresent()) {
                err.println("ringorder: kvm backend skipped: " + noKvm.get());
                err.flush();
            } else {
                var kvm = KvmCommand.run(jvm, pin, plan.strategies, plan.kvmSeconds(), 1, 4096, 256, "sequential", 0, work, err);
                AtomicFiles.writeString(work.resolve(Run.KVM), kvm.toString());
            }
        } catch (UserError e) {
            if (finish(work, target, env, done, false, err)) {
                throw new UserError(e.getMessage() + "; kept " + done.size() + " of " + parts.size() + " parts in "
                        + target + ", marked incomplete");
            }
            return 130;
        } finally {
            removeHook(onInterrupt);
        }
        finish(work, target, env, done, true, err);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("run: " + target);
        stdout.println("report: " + target.resolve(Run.REPORT));
        stdout.flush();
        return 0;
    }

    /**
     * Merges the finished parts, writes env.json, draws, renames into place; once. Returns false
     * if already done. The charts are drawn last and may fail alone: the results never do.
     */
    private boolean finish(Path work, Path target, JsonObject env, List<Path> done, boolean completed, PrintWriter err) {
        synchronized (lock) {
            if (finished) {
                return false;
            }
            finished = true;
            try {
                JsonMerge.concatArrays(done, work.resolve(Run.JMH));
                try (var parts = Files.newDirectoryStream(work, "{[0-9][0-9]-*.json,.stress-*.json.part,.kvm-*.json.part}")) {
                    for (Path part : parts) {
                        Files.delete(part); // merged, or an unfinished part's file
                    }
                }
                LitmusCommand.deleteRecursively(work.resolve("." + Run.LITMUS_DIR + ".part"));
                env.addProperty("end", Instant.now().toString());
                env.addProperty("completed", completed);
                writeEnv(work, env);
            } catch (IOException | RuntimeException e) {
                err.println("ringorder: could not write the results into " + work + ": " + e.getMessage());
                err.flush();
                return true;
            }
            try {
                Drawing.run(Run.load(work));
            } catch (RuntimeException e) {
                err.println("ringorder: the charts were not drawn (" + e.getMessage() + "): run ./ringorder plot " + target);
                err.flush();
            }
            try {
                Files.move(work, target);
            } catch (IOException e) {
                err.println("ringorder: could not rename " + work + " to " + target + ": " + e.getMessage());
                err.flush();
            }
            return true;
        }
    }

    private static void writeEnv(Path dir, JsonObject env) {
        AtomicFiles.writeString(dir.resolve(Run.ENV), new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create().toJson(env));
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
