package org.ringorder.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ringorder.memory.Gfns;
import org.ringorder.ring.DirtyRing;
import org.ringorder.ring.OffsetPattern;
import org.ringorder.strategy.Roles;
import org.ringorder.strategy.Strategies;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ringorder micro}: the reset-path microbenchmarks, validated, then one JMH run per benchmark. */
@Command(name = "micro", mixinStandardHelpOptions = true,
        description = {"Runs the reset-path microbenchmarks (ns per entry of the reset, the harvest and the bare scan, "
                + "per strategy) in their own JVM, and prints each strategy against plain.",
                "Writes JMH's JSON to results/micro-<time>.json (or --out); an earlier file is never overwritten."})
final class MicroCommand implements Callable<Integer> {
    /** The benchmarks by CLI name, in run order. */
    static final Map<String, String> BENCHMARKS = new LinkedHashMap<>();

    static {
        BENCHMARKS.put("reset", "ResetBench");
        BENCHMARKS.put("harvest", "HarvestBench");
        BENCHMARKS.put("barescan", "BareScanBench");
        BENCHMARKS.put("splitcost", "SplitCostBench");
    }

    enum Profile {
        /** Every benchmark once at its smallest setting: does it run, not what it costs. */
        smoke(1, 0, "100ms", 1, "100ms", List.of("1024"), List.of("1"), List.of("all", "userspace"),
                List.of("reset", "harvest", "barescan", "splitcost")),
        /** One setting (4096 entries, 1 vCPU), every strategy, short iterations: a few minutes. */
        quick(1, 3, "1s", 5, "1s", List.of("4096"), List.of("1"), List.of("all"), List.of("reset", "harvest", "barescan")),
        /** The whole grid at JMH's annotated settings (3 forks, 5+5 one-second iterations): for a quiet server. */
        full(3, 5, "1s", 5, "1s", List.of("1024", "4096", "16384", "65536"), List.of("1", "8", "64"),
                List.of("all", "userspace"), List.of("reset", "harvest", "barescan", "splitcost"));

        final int forks;
        final int warmups;
        final String warmupTime;
        final int iterations;
        final String iterationTime;
        final List<String> ringSizes;
        final List<String> vcpus;
        final List<String> roles;
        final List<String> benchmarks;

        Profile(int forks, int warmups, String warmupTime, int iterations, String iterationTime, List<String> ringSizes,
                List<String> vcpus, List<String> roles, List<String> benchmarks) {
            this.forks = forks;
            this.warmups = warmups;
            this.warmupTime = warmupTime;
            this.iterations = iterations;
            this.iterationTime = iterationTime;
            this.ringSizes = ringSizes;
            this.vcpus = vcpus;
            this.roles = roles;
            this.benchmarks = benchmarks;
        }
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "smoke, quick (default) or full: the settings below, unless given.")
    String profile = "quick";

    @Option(names = "--bench", split = ",", paramLabel = "NAME",
            description = "Benchmarks: reset, harvest, barescan, splitcost (default: the profile's).")
    List<String> benchmarks;

    @Option(names = "--strategy", split = ",", paramLabel = "NAME",
            description = "Strategy flags (default: all of plain, opaque, volatile, acquire-load, full-fence, batched-fence).")
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

    @Option(names = "--forks", paramLabel = "N", description = "JMH forks per setting.")
    Integer forks;

    @Option(names = "--iterations", paramLabel = "N", description = "JMH measurement iterations per fork.")
    Integer iterations;

    @Option(names = "--warmup-iterations", paramLabel = "N", description = "JMH warmup iterations per fork.")
    Integer warmups;

    @Option(names = "--jvm", paramLabel = "JDK", description = "Run the benchmarks on this JDK (home or bin/java); default: this one.")
    Path jvmPath;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write JMH's JSON (must not exist yet).")
    Path out;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        Profile p = profile();
        List<String> benches = check(orDefault(benchmarks, p.benchmarks), "bench", BENCHMARKS.keySet());
        List<String> strats = orDefault(strategies, Strategies.NAMES);
        strats.forEach(Strategies::byName);
        List<String> sizes = orDefault(ringSizes, p.ringSizes);
        sizes.forEach(s -> DirtyRing.checkSize(parse("--ring-size", s)));
        List<String> cpus = orDefault(vcpus, p.vcpus);
        for (String v : cpus) {
            int n = parse("--vcpus", v);
            if (n < 1 || n > 1024) {
                throw new UserError("--vcpus " + v + " is out of range: expected 1..1024");
            }
        }
        List<String> rls = orDefault(roles, p.roles);
        rls.forEach(Roles::byName);
        List<String> pats = orDefault(patterns, List.of("sequential"));
        pats.forEach(OffsetPattern::byName);
        List<String> lays = check(orDefault(layouts, List.of("heap")), "layout", Gfns.LAYOUTS);
        positive("--forks", forks);
        positive("--iterations", iterations);
        if (warmups != null && warmups < 0) {
            throw new UserError("--warmup-iterations " + warmups + " is negative: expected 0 or more");
        }
        Jvm jvm = jvmPath == null ? Jvm.current() : Jvm.of(jvmPath);
        if (lays.contains("bytes") && jvm.major > 21) {
            throw new UserError("--layout bytes needs JDK 21 or older (JDK " + jvm.major
                    + " refuses ordered access to byte arrays): use heap or direct");
        }
        Path target = target();
        Path jar = Home.benchmarksJar();

        List<Path> parts = new ArrayList<>();
        JmhProcess jmh = new JmhProcess(jvm, jar);
        try {
            for (int b = 0; b < benches.size(); b++) {
                String bench = benches.get(b);
                List<String> s = bench.equals("splitcost")
                        ? strats.stream().filter(x -> x.equals("plain") || x.equals("acquire-load")).toList() : strats;
                if (s.isEmpty()) {
                    err.println("ringorder: skipping splitcost: it measures plain and acquire-load only");
                    continue;
                }
                err.printf("ringorder: benchmark %d of %d: %s on %s%n", b + 1, benches.size(), bench, jvm);
                err.flush();
                Path part = Files.createTempFile(target.getParent(), ".micro-" + bench + "-", ".json.part");
                parts.add(part);
                List<String> args = new ArrayList<>(List.of(BENCHMARKS.get(bench) + "\\.",
                        "-p", "strategy=" + String.join(",", s),
                        "-p", "ringSize=" + String.join(",", sizes),
                        "-p", "vcpus=" + String.join(",", cpus),
                        "-p", "roles=" + String.join(",", rls),
                        "-p", "pattern=" + String.join(",", pats),
                        "-p", "layout=" + String.join(",", lays),
                        "-f", String.valueOf(forks != null ? forks : p.forks),
                        "-wi", String.valueOf(warmups != null ? warmups : p.warmups),
                        "-w", p.warmupTime,
                        "-i", String.valueOf(iterations != null ? iterations : p.iterations),
                        "-r", p.iterationTime,
                        "-rf", "json", "-rff", part.toString()));
                if (bench.equals("splitcost") && p == Profile.quick) {
                    args.addAll(List.of("-p", "pollute=false"));
                }
                jmh.run(args);
            }
            List<JmhResult> results = new ArrayList<>();
            for (Path part : parts) {
                results.addAll(JmhResult.read(part));
            }
            JsonMerge.concatArrays(parts, target);
            MicroTable.print(results, stdout);
            stdout.println("results: " + target);
            stdout.flush();
            return 0;
        } catch (IOException e) {
            throw new UserError("cannot write results next to " + target + ": " + e.getMessage());
        } finally {
            for (Path part : parts) {
                try {
                    Files.deleteIfExists(part);
                } catch (IOException ignored) {
                    // a stray .part file is harmless: results are only ever renamed into place whole
                }
            }
        }
    }

    private Profile profile() {
        try {
            return Profile.valueOf(profile);
        } catch (IllegalArgumentException e) {
            throw new UserError("unknown profile '" + profile + "': expected smoke, quick or full");
        }
    }

    private Path target() {
        Path t = out != null ? out.toAbsolutePath()
                : Home.results().resolve("micro-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".json");
        Path dir = t.getParent();
        if (Files.exists(t)) {
            throw new UserError("--out " + t + " already exists: choose a new file name (earlier results are never overwritten)");
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new UserError("cannot write to " + dir + ": it is not a writable directory (choose another --out)");
        }
        return t;
    }

    private static List<String> orDefault(List<String> given, List<String> fallback) {
        return given == null || given.isEmpty() ? fallback : given;
    }

    private static List<String> check(List<String> given, String what, java.util.Collection<String> accepted) {
        for (String g : given) {
            if (!accepted.contains(g)) {
                throw new UserError("unknown " + what + " '" + g + "': expected one of " + String.join(", ", accepted));
            }
        }
        return given;
    }

    private static int parse(String option, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new UserError(option + " " + value + " is not a number");
        }
    }

    private static void positive(String option, Integer value) {
        if (value != null && value < 1) {
            throw new UserError(option + " " + value + " must be at least 1");
        }
    }
}
