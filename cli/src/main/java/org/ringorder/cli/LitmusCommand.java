package org.ringorder.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.ringorder.evidence.AtomicFiles;
import org.ringorder.evidence.Json;
import org.ringorder.evidence.LitmusRecord;
import org.ringorder.evidence.Run;
import org.ringorder.evidence.UserError;
import org.ringorder.launch.ChildProcess;
import org.ringorder.launch.Jvm;
import org.ringorder.strategy.Strategies;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ringorder litmus}: the jcstress litmus tests, every strategy on each of the protocol's shapes. */
@Command(name = "litmus", mixinStandardHelpOptions = true,
        description = {"Runs the jcstress litmus tests (one per shape and strategy) and says, per test, how often the bad "
                + "outcome was seen and whether its expectation held.",
                "Writes litmus/ (litmus.json and jcstress's report) into --out (default: a new results/litmus-<time>/). "
                        + "Exit status 1 when a forbidden outcome was seen."})
final class LitmusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--mode", paramLabel = "NAME",
            description = "jcstress preset: sanity (seconds: does it run), quick (about 15 minutes on 2 cores; the default), "
                    + "default, tough, stress (hours).")
    String mode = "quick";

    @Mixin
    StrategyOptions which = new StrategyOptions();

    @Override
    public Integer call() {
        if (!LitmusRecord.MODES.contains(mode)) {
            throw new UserError("unknown --mode '" + mode + "': expected one of " + String.join(", ", LitmusRecord.MODES));
        }
        List<String> names = which.names();
        Jvm jvm = which.where.jvm();
        String pin = which.where.pin();
        Path dir = which.directory("litmus");
        PrintWriter err = spec.commandLine().getErr();
        List<LitmusRecord> tests = run(jvm, pin, mode, names, dir, line -> {
            err.println(line);
            err.flush();
        });
        PrintWriter o = spec.commandLine().getOut();
        tests.forEach(t -> o.println(t.verdict()));
        o.println("results: " + dir.resolve(Run.LITMUS.file()));
        o.println("jcstress report: " + dir.resolve(Run.LITMUS_DIR).resolve("report/index.html"));
        o.flush();
        return tests.stream().allMatch(LitmusRecord::held) ? 0 : 1;
    }

    /** jcstress's test selection for these strategies: every shape's nested class named after each strategy's class. */
    static String filter(List<String> names) {
        return "^org\\.ringorder\\.litmus\\.[A-Za-z]+\\.(" + names.stream()
                .map(s -> Strategies.byName(s).getClass().getSimpleName()).collect(Collectors.joining("|")) + ")$";
    }

    /** Past this, jcstress hangs: killed. */
    static Duration limit(String mode) {
        return Duration.ofMinutes(mode.equals("sanity") ? 30 : mode.equals("quick") ? 120 : 24 * 60);
    }

    /**
     * Runs litmus.jar in {@code dir/litmus} (which must not exist: earlier results are never
     * overwritten), built under a hidden name and renamed whole; returns the summary.
     */
    static List<LitmusRecord> run(Jvm jvm, String pin, String mode, List<String> names, Path dir, Consumer<String> say) {
        Path target = dir.resolve(Run.LITMUS_DIR);
        if (Files.exists(target)) {
            throw new UserError(target + " already exists: choose another --out (earlier results are never overwritten)");
        }
        Path work = dir.resolve("." + Run.LITMUS_DIR + ".part");
        List<String> rest = new ArrayList<>(List.of("-jar", Home.litmusJar().toString(), mode, filter(names)));
        if (jvm.major() >= 22) {
            rest.addAll(List.of("-jvmArgsPrepend", "--enable-native-access=ALL-UNNAMED")); // jcstress's forks bind threads via JNA
        }
        say.accept("ringorder: litmus tests of " + String.join(", ", names) + " at jcstress mode " + mode + " (jcstress's output: "
                + target.resolve("jcstress.log") + ")");
        AtomicFiles.deleteQuietly(work); // a hidden leftover of an interrupted run, never a result
        try {
            Files.createDirectory(work);
        } catch (IOException e) {
            throw new UserError("cannot run the litmus tests in " + work + ": " + e.getMessage());
        }
        Path log = work.resolve("jcstress.log");
        ChildProcess.Result r = ChildProcess.of("the litmus tests", jvm.command(pin, List.of(), rest)).directory(work).log(log)
                .limit(limit(mode)).run();
        if (r.exitCode() > 1 || !Files.isRegularFile(work.resolve("litmus.json"))) {
            throw new UserError("the litmus run failed with status " + r.exitCode() + "; see " + log);
        }
        List<LitmusRecord> summary = Json.readList(work.resolve("litmus.json"), LitmusRecord.class, "litmus results");
        try {
            Files.move(work, target);
        } catch (IOException e) {
            throw new UserError("cannot rename " + work + " to " + target + ": " + e.getMessage());
        }
        return summary;
    }
}
