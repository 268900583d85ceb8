package org.ringorder.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.ringorder.results.Run;
import org.ringorder.results.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ringorder litmus}: the jcstress litmus tests, every strategy on each of the protocol's shapes. */
@Command(name = "litmus", mixinStandardHelpOptions = true,
        description = {"Runs the jcstress litmus tests (push to harvest, harvest to reuse, short reset) for each strategy "
                + "and says, per test, how often the bad outcome was seen and whether its expectation held.",
                "Writes litmus/ (litmus.json and jcstress's report) into --out (default: a new results/litmus-<time>/). "
                        + "Exit status 1 when a forbidden outcome was seen."})
final class LitmusCommand implements Callable<Integer> {
    static final List<String> MODES = List.of("sanity", "quick", "default", "tough", "stress");

    @Spec
    CommandSpec spec;

    @Option(names = "--mode", paramLabel = "NAME",
            description = "jcstress preset: sanity (seconds: does it run), quick (about 15 minutes on 2 cores; the default), "
                    + "default, tough, stress (hours).")
    String mode = "quick";

    @Mixin
    StrategyOptions which = new StrategyOptions();

    @Mixin
    JvmOptions where = new JvmOptions();

    @Override
    public Integer call() {
        if (!MODES.contains(mode)) {
            throw new UserError("unknown --mode '" + mode + "': expected one of " + String.join(", ", MODES));
        }
        List<String> names = which.names();
        Jvm jvm = where.jvm();
        String pin = where.pin();
        Path dir = which.directory("litmus");
        List<JsonObject> tests = run(jvm, pin, mode, names, dir, spec.commandLine().getErr());
        PrintWriter o = spec.commandLine().getOut();
        tests.forEach(t -> o.println(t.get("verdict").getAsString()));
        o.println("results: " + dir.resolve(Run.LITMUS));
        o.println("jcstress report: " + dir.resolve(Run.LITMUS_DIR).resolve("report/index.html"));
        o.flush();
        return tests.stream().allMatch(t -> t.get("held").getAsBoolean()) ? 0 : 1;
    }

    /**
     * Runs litmus.jar in {@code dir/litmus} (which must not exist: earlier results are never
     * overwritten), built under a hidden name and renamed whole; returns the summary.
     */
    static List<JsonObject> run(Jvm jvm, String pin, String mode, List<String> names, Path dir, PrintWriter err) {
        Path target = dir.resolve(Run.LITMUS_DIR);
        if (Files.exists(target)) {
            throw new UserError(target + " already exists: choose another --out (earlier results are never overwritten)");
        }
        Path work = dir.resolve("." + Run.LITMUS_DIR + ".part");
        String regex = "org\\.ringorder\\.litmus\\.(" + names.stream().map(LitmusCommand::className)
                .collect(Collectors.joining("|")) + ")Litmus\\..*";
        List<String> cmd = new ArrayList<>();
        if (pin != null) {
            cmd.addAll(List.of("taskset", "-c", pin));
        }
        cmd.add(jvm.java.toString());
        cmd.addAll(jvm.hostOptions());
        cmd.addAll(List.of("-jar", Home.litmusJar().toString(), mode, regex));
        if (jvm.major >= 22) {
            cmd.addAll(List.of("-jvmArgsPrepend", "--enable-native-access=ALL-UNNAMED")); // jcstress's forks bind threads via JNA
        }
        err.printf("ringorder: litmus tests of %s at jcstress mode %s (jcstress's output: %s)%n",
                String.join(", ", names), mode, target.resolve("jcstress.log"));
        err.flush();
        try {
            deleteRecursively(work); // a hidden leftover of an interrupted run, never a result
            Files.createDirectory(work);
            Path log = work.resolve("jcstress.log");
            Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            long limit = mode.equals("sanity") ? 30 : mode.equals("quick") ? 120 : 24 * 60;
            if (!p.waitFor(limit, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new UserError("the litmus tests did not end within " + limit + " minutes: killed; see " + log);
            }
            if (p.exitValue() > 1 || !Files.isRegularFile(work.resolve("litmus.json"))) {
                throw new UserError("the litmus run failed with status " + p.exitValue() + "; see " + log);
            }
            JsonArray summary = JsonParser.parseString(Files.readString(work.resolve("litmus.json"))).getAsJsonArray();
            Files.move(work, target);
            return summary.asList().stream().map(e -> e.getAsJsonObject()).toList();
        } catch (IOException e) {
            throw new UserError("cannot run the litmus tests in " + work + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted");
        }
    }

    /** The test class prefix of a strategy: acquire-load is AcquireLoadLitmus. */
    static String className(String strategy) {
        StringBuilder sb = new StringBuilder();
        for (String part : strategy.split("-")) {
            sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return sb.toString();
    }

    static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            for (Path x : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
