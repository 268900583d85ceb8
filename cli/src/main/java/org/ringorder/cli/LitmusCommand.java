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
import org.ringorder.evidence.Emulation;
import org.ringorder.evidence.Json;
import org.ringorder.evidence.LitmusRecord;
import org.ringorder.evidence.Run;
import org.ringorder.evidence.UserError;
import org.ringorder.launch.ChildProcess;
import org.ringorder.launch.Jvm;
import org.ringorder.strategy.Safety;
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
            description = "jcstress preset: sanity (a minute or two: does it run), quick (3 iterations of 100 ms per "
                    + "configuration: about 26 minutes on 2 cores for every shape; the default), default, tough, stress (hours).")
    String mode = "quick";

    @Option(names = "--shape", split = ",", paramLabel = "ID", description = "Shapes to run (default: all), e.g. chain,"
            + "harvest-reuse: see --list.")
    List<String> shapes;

    @Option(names = "--list", description = "Print every test (shape, strategy, roles, form, actors, bad outcome, "
            + "jcstress name) of the chosen strategies, and run nothing.")
    boolean list;

    @Mixin
    StrategyOptions which = new StrategyOptions();

    @Override
    public Integer call() {
        List<String> shapeIds = shapes == null ? List.of() : shapes;
        shapeIds.forEach(id -> {
            try {
                Safety.Shape.byId(id);
            } catch (IllegalArgumentException e) {
                throw new UserError("unknown --shape '" + id + "': expected one of " + String.join(", ",
                        List.of(Safety.Shape.values()).stream().map(Safety.Shape::id).toList()));
            }
        });
        if (list) {
            return list(which.where.jvm(), which.names(), shapeIds);
        }
        if (!LitmusRecord.MODES.contains(mode)) {
            throw new UserError("unknown --mode '" + mode + "': expected one of " + String.join(", ", LitmusRecord.MODES));
        }
        List<String> names = which.names();
        Jvm jvm = which.where.jvm();
        String pin = which.where.pin();
        Path dir = which.directory("litmus");
        PrintWriter err = spec.commandLine().getErr();
        List<LitmusRecord> tests = run(jvm, pin, mode, names, shapeIds, false, dir, line -> {
            err.println(line);
            err.flush();
        });
        PrintWriter o = spec.commandLine().getOut();
        tests.forEach(t -> o.println(t.verdict()));
        o.println("results: " + dir.resolve(Run.LITMUS.file()));
        o.println("jcstress report: " + dir.resolve(Run.LITMUS_DIR).resolve("report/index.html"));
        o.flush();
        return tests.stream().anyMatch(LitmusRecord::broken) ? 1 : 0;
    }

    /** One JVM configuration, all actors compiled alike (no per-actor split): "does every test run", in minutes. */
    static final List<String> ONE_CONFIG = List.of("-jvmArgs", "-XX:+UseSerialGC", "-sc", "false");

    /** {@code litmus.jar list}: no results are written. */
    private int list(Jvm jvm, List<String> names, List<String> shapeIds) {
        List<String> cmd = jvm.command(null, List.of(), List.of("-jar", Home.litmusJar().toString(), "list",
                filter(names, shapeIds)));
        ChildProcess.Result r = ChildProcess.of("the litmus list", cmd).capture().limit(Duration.ofMinutes(2)).run();
        if (r.exitCode() != 0) {
            throw new UserError("listing the litmus tests failed with status " + r.exitCode() + ": " + r.tail(3));
        }
        PrintWriter o = spec.commandLine().getOut();
        r.output().forEach(o::println);
        o.flush();
        return 0;
    }

    /** jcstress's test selection for these strategies: every shape's nested class named after each strategy's class. */
    static String filter(List<String> names) {
        return filter(names, List.of());
    }

    /**
     * The selection for these strategies and shapes (none: all): each shape's templates are its
     * outer classes (push-harvest: PushHarvest and PushHarvestBatch).
     */
    static String filter(List<String> names, List<String> shapeIds) {
        String outer = shapeIds.isEmpty() ? "[A-Za-z]+" : "(" + shapeIds.stream().map(LitmusCommand::outerClass)
                .collect(Collectors.joining("|")) + ")";
        return "^org\\.ringorder\\.litmus\\." + outer + "\\.((" + names.stream()
                .map(s -> Strategies.byName(s).getClass().getSimpleName()).collect(Collectors.joining("|")) + ")(OverLinux)?|Linux)$";
    }

    /** push-harvest: PushHarvest plus its other forms (PushHarvestBatch), as a regex. */
    private static String outerClass(String shapeId) {
        StringBuilder sb = new StringBuilder();
        for (String part : shapeId.split("-")) {
            sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return sb + "[A-Za-z]*";
    }

    /** Past this, jcstress hangs: killed. */
    static Duration limit(String mode) {
        return Emulation.stretch(Duration.ofMinutes(mode.equals("sanity") ? 30 : mode.equals("quick") ? 120 : 24 * 60));
    }

    /**
     * Runs litmus.jar in {@code dir/litmus} (which must not exist: earlier results are never
     * overwritten), built under a hidden name and renamed whole; returns the summary.
     */
    static List<LitmusRecord> run(Jvm jvm, String pin, String mode, List<String> names, Path dir, Consumer<String> say) {
        return run(jvm, pin, mode, names, List.of(), false, dir, say);
    }

    /**
     * @param oneConfig one JVM configuration and one compilation mode per test instead of jcstress's sets (the smoke
     *                  profile's "does every test run", which must also fit an emulated machine)
     */
    static List<LitmusRecord> run(Jvm jvm, String pin, String mode, List<String> names, List<String> shapeIds, boolean oneConfig,
                                  Path dir, Consumer<String> say) {
        Path target = dir.resolve(Run.LITMUS_DIR);
        if (Files.exists(target)) {
            throw new UserError(target + " already exists: choose another --out (earlier results are never overwritten)");
        }
        Path work = dir.resolve("." + Run.LITMUS_DIR + ".part");
        List<String> rest = new ArrayList<>(List.of("-jar", Home.litmusJar().toString(), mode, filter(names, shapeIds)));
        if (oneConfig || Emulation.emulator() != null) { // under emulation the tests show they run: TCG orders as x86 does
            rest.addAll(ONE_CONFIG);
        }
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
