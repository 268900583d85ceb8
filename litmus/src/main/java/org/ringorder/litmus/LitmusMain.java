package org.ringorder.litmus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.openjdk.jcstress.JCStress;
import org.openjdk.jcstress.Options;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.infra.StateCase;
import org.openjdk.jcstress.infra.Status;
import org.openjdk.jcstress.infra.TestInfo;
import org.openjdk.jcstress.infra.collectors.DiskReadCollector;
import org.openjdk.jcstress.infra.collectors.InProcessCollector;
import org.openjdk.jcstress.infra.collectors.TestResult;
import org.openjdk.jcstress.infra.grading.GradingResult;
import org.openjdk.jcstress.infra.runners.TestList;
import org.openjdk.jcstress.os.topology.Topology;
import org.ringorder.evidence.Json;
import org.ringorder.evidence.LitmusRecord;

/**
 * Runs the litmus tests with jcstress and sums them up per test: {@code litmus.json} (strategy,
 * shape, samples, how often the bad outcome was seen and whether that breaks the expectation),
 * jcstress's own HTML and text report under {@code report/}, and its raw result file. Run it in
 * the directory the results belong in:
 *
 * <pre>java -jar litmus.jar MODE [TEST_REGEX [JCSTRESS_OPTION...]]</pre>
 *
 * MODE is jcstress's preset (sanity, quick, default, tough, stress; quick with {@link #QUICK}'s
 * shorter iterations unless {@code -time} or {@code -iters} is given); further jcstress options
 * (e.g. {@code -jvmArgs -XX:+UseSerialGC}, one JVM configuration) pass through. Prints one verdict line per
 * test. Exit status 0 when every expectation held, 1 when a forbidden outcome was seen or a
 * test failed, 2 on bad arguments.
 */
public final class LitmusMain {
    public static final String SUMMARY = "litmus.json";
    /**
     * What mode quick adds to jcstress's quick preset: 3 iterations of 100 ms per configuration,
     * not 5 of 200 ms, so that every shape and strategy (62 tests that two CPUs can run) fits in
     * 30 minutes here; each test still runs every JVM configuration jcstress picks.
     */
    static final List<String> QUICK = List.of("-iters", "3", "-time", "100");
    public static final String REPORT = "report";

    private LitmusMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 1 && args[0].equals("list")) {
            list(args.length > 1 ? args[1] : ".*").forEach(System.out::println);
            return;
        }
        if (args.length < 1 || !LitmusRecord.MODES.contains(args[0])) {
            System.err.println("usage: java -jar litmus.jar MODE [TEST_REGEX [JCSTRESS_OPTION...]] | list [TEST_REGEX]; MODE is "
                    + "one of " + String.join(", ", LitmusRecord.MODES));
            System.exit(2);
        }
        String filter = args.length > 1 ? args[1] : "org\\.ringorder\\.litmus\\..*";
        Path here = Path.of("").toAbsolutePath();
        List<String> jcstress = new ArrayList<>(List.of("-m", args[0], "-r", here.resolve(REPORT).toString(), "-t", filter));
        List<String> extra = List.of(args).subList(Math.min(2, args.length), args.length);
        if (args[0].equals("quick") && !extra.contains("-time") && !extra.contains("-iters")) {
            jcstress.addAll(QUICK); // every shape and strategy within 30 minutes on 2 CPUs
        }
        jcstress.addAll(extra);
        Options opts = new Options(jcstress.toArray(String[]::new));
        if (!opts.parse()) {
            System.exit(2);
        }
        try {
            new JCStress(opts).run();
        } catch (AssertionError failures) {
            // jcstress throws its list of failed tests after writing the reports: the summary below says the same
        }
        Path raw = Path.of(opts.getResultFile());
        List<TestResult> results = new ArrayList<>();
        if (Files.exists(raw)) {
            InProcessCollector collector = new InProcessCollector();
            DiskReadCollector reader = new DiskReadCollector(raw.toString(), collector);
            reader.dump();
            reader.close();
            results.addAll(collector.getTestResults());
            Files.move(raw, here.resolve(REPORT).resolve("jcstress-results.bin.gz"), StandardCopyOption.REPLACE_EXISTING);
        }
        List<LitmusRecord> summary = summarise(Pattern.compile(filter), results, args[0]);
        Json.write(here.resolve(SUMMARY), summary);
        boolean ok = true;
        for (LitmusRecord t : summary) {
            System.out.println(t.verdict());
            ok &= !t.broken();
        }
        System.exit(ok ? 0 : 1);
    }

    /**
     * Every test matching the filter, a line each: shape, strategy, roles, form, actors, the bad
     * outcome and its expectation, the jcstress name.
     */
    static List<String> list(String filter) throws ReflectiveOperationException {
        Pattern p = Pattern.compile(filter);
        List<String> out = new ArrayList<>();
        out.add(String.format("%-16s %-30s %-9s %-32s %-6s %-26s %s", "shape", "strategy", "roles", "form", "actors",
                "bad outcome", "test"));
        for (String name : new TreeSet<>(TestList.tests())) {
            if (!p.matcher(name).matches()) {
                continue;
            }
            TestInfo info = TestList.getInfo(name);
            Litmus test = (Litmus) Class.forName(info.binaryName()).getConstructor().newInstance();
            StateCase bad = badCase(info);
            out.add(String.format("%-16s %-30s %-9s %-32s %-6d %-26s %s", test.shape().id(), test.strategy(), test.roles().flag(),
                    test.form(), info.threads(), bad.matchPattern() + " " + (bad.expect() == Expect.FORBIDDEN ? "FORBIDDEN" : "allowed"),
                    name));
        }
        return out;
    }

    /** One record per test matching the filter, in name order, run or not. */
    static List<LitmusRecord> summarise(Pattern filter, List<TestResult> results, String mode) throws ReflectiveOperationException {
        Map<String, List<TestResult>> byTest = new TreeMap<>();
        for (TestResult r : results) {
            byTest.computeIfAbsent(r.getName(), k -> new ArrayList<>()).add(r);
        }
        int cores = Topology.get().totalCores();
        List<LitmusRecord> out = new ArrayList<>();
        for (String name : new TreeSet<>(TestList.tests())) {
            if (!filter.matcher(name).matches()) {
                continue;
            }
            TestInfo info = TestList.getInfo(name);
            Litmus test = (Litmus) Class.forName(info.binaryName()).getConstructor().newInstance();
            StateCase bad = badCase(info);
            List<TestResult> rs = byTest.getOrDefault(name, List.of());
            long samples = 0;
            long badSamples = 0;
            boolean passed = true;
            List<String> errors = new ArrayList<>();
            Map<String, Long> outcomes = new LinkedHashMap<>();
            for (TestResult r : rs) {
                if (r.status() != Status.NORMAL) {
                    passed = false;
                    errors.add(r.status() + " " + String.join(" ", r.getConfig().jvmArgs));
                    continue;
                }
                var grading = r.grading();
                passed &= grading.isPassed;
                for (GradingResult g : grading.gradingResults.values()) {
                    if (g.count > 0) {
                        outcomes.merge(g.id, g.count, Long::sum);
                        samples += g.count;
                        if (bad.matches(g.id)) {
                            badSamples += g.count;
                        }
                    }
                }
            }
            boolean ran = !rs.isEmpty();
            String skipped = ran ? null : info.threads() > cores
                    ? "needs " + info.threads() + " CPUs (one per actor), this machine has " + cores
                    : "jcstress ran no configuration of it";
            // the expectation held when the test ran, nothing forbidden was seen and no configuration failed
            boolean held = ran && passed && (bad.expect() != Expect.FORBIDDEN || badSamples == 0);
            LitmusRecord t = new LitmusRecord(name, test.strategy(), test.roles().flag(), test.shape().id(), test.form(),
                    info.threads(), mode, bad.matchPattern(), bad.expect().name(), rs.size(), samples, badSamples, outcomes, ran,
                    skipped, errors, held, null);
            out.add(withVerdict(t));
        }
        return out;
    }

    /** The test's bad outcome: the one case that is not plainly ACCEPTABLE. */
    static StateCase badCase(TestInfo info) {
        return info.cases().stream().filter(c -> c.expect() != Expect.ACCEPTABLE).findFirst()
                .orElseThrow(() -> new IllegalStateException(info.name() + " declares no bad outcome"));
    }

    /** E.g. {@code push-harvest acquire-load (roles all, one entry, 2 actors): bad outcome in 0 of 12345678 samples (FORBIDDEN): held}. */
    static LitmusRecord withVerdict(LitmusRecord t) {
        String head = t.shape() + " " + t.strategy() + " (roles " + t.rolesOrAll() + ", " + t.form() + ", " + t.actors()
                + " actors): ";
        String verdict;
        if (!t.ran()) {
            verdict = head + "not run: " + t.skipped();
        } else {
            verdict = head + "bad outcome in " + t.badSamples() + " of " + t.samples() + " samples (" + t.expect() + "): "
                    + t.state() + (t.broken() && !t.errors().isEmpty() ? " " + t.errors() : "");
        }
        return new LitmusRecord(t.test(), t.strategy(), t.roles(), t.shape(), t.form(), t.actors(), t.mode(), t.badOutcome(),
                t.expect(), t.configs(), t.samples(), t.badSamples(), t.outcomes(), t.ran(), t.skipped(), t.errors(), t.held(),
                verdict);
    }
}
