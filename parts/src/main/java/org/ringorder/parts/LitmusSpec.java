package org.ringorder.parts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

/** The litmus part: the jcstress litmus tests, every strategy on each of the protocol's shapes. */
public final class LitmusSpec extends RecordSpec<LitmusSpec.Settings, LitmusRecord> {
    /**
     * @param mode      jcstress's preset
     * @param shapes    the shapes' ids (none: all)
     * @param oneConfig one JVM configuration and one compilation mode per test instead of jcstress's sets (the smoke
     *                  profile's "does every test run", which must also fit an emulated machine)
     */
    public record Settings(String mode, List<String> shapes, boolean oneConfig) {
        public Settings {
            if (!LitmusRecord.MODES.contains(mode)) {
                throw new UserError("unknown --mode '" + mode + "': expected one of " + String.join(", ", LitmusRecord.MODES));
            }
            shapes.forEach(Settings::checkShape);
        }

        public static void checkShape(String id) {
            try {
                Safety.Shape.byId(id);
            } catch (IllegalArgumentException e) {
                throw new UserError("unknown --shape '" + id + "': expected one of " + String.join(", ",
                        List.of(Safety.Shape.values()).stream().map(Safety.Shape::id).toList()));
            }
        }
    }

    public String name() {
        return "litmus";
    }

    public String summary() {
        return "the jcstress litmus tests, each strategy on each shape";
    }

    public Settings settings(Plan plan) {
        String mode = plan.profile.settings.litmusMode;
        return mode == null ? null : new Settings(mode, List.of(), plan.profile == Profile.smoke);
    }

    public String detail(Settings s, List<String> strategies) {
        return "the jcstress litmus tests at mode " + s.mode();
    }

    public double estimate(Settings s, List<String> strategies) {
        return s.mode().equals("sanity") ? 90 : 1600;
    }

    public List<LitmusRecord> run(Settings s, List<String> strategies, RunContext ctx) {
        return run(ctx.jvm, ctx.pin, s.mode(), strategies, s.shapes(), s.oneConfig(), ctx.work, ctx.progress::say);
    }

    public List<String> lines(Settings s, List<LitmusRecord> tests) {
        return tests.stream().map(LitmusRecord::verdict).toList();
    }

    /** One JVM configuration, all actors compiled alike (no per-actor split): "does every test run", in minutes. */
    static final List<String> ONE_CONFIG = List.of("-jvmArgs", "-XX:+UseSerialGC", "-sc", "false");

    /**
     * The selection for these strategies and shapes (none: all): each shape's templates are its
     * outer classes (push-harvest: PushHarvest and PushHarvestBatch).
     */
    public static String filter(List<String> names, List<String> shapeIds) {
        String outer = shapeIds.isEmpty() ? "[A-Za-z]+" : "(" + shapeIds.stream().map(LitmusSpec::outerClass)
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
            String tail = lastLines(log, 3);
            AtomicFiles.deleteQuietly(work);
            throw new UserError("the litmus run failed with status " + r.exitCode() + (tail.isEmpty() ? "" : ": " + tail));
        }
        List<LitmusRecord> summary = Json.readList(work.resolve("litmus.json"), LitmusRecord.class, "litmus results");
        try {
            Files.move(work, target);
        } catch (IOException e) {
            throw new UserError("cannot rename " + work + " to " + target + ": " + e.getMessage());
        }
        return summary;
    }

    /** A log's last lines, joined; empty where it cannot be read. */
    private static String lastLines(Path log, int n) {
        try {
            List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
            return String.join(" / ", lines.subList(Math.max(0, lines.size() - n), lines.size())).strip();
        } catch (IOException | java.io.UncheckedIOException e) {
            return "";
        }
    }
}
