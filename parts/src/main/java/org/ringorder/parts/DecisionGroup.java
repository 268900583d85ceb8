package org.ringorder.parts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ringorder.evidence.EnvRecord;
import org.ringorder.evidence.JmhResult;
import org.ringorder.evidence.PairedResult;
import org.ringorder.evidence.stats.Sequential;
import org.ringorder.evidence.stats.Verdict;

/**
 * One group of the decision's paired comparisons (the null pairs, the claim or the candidates),
 * each strategy against plain on a backend, decided by the sequential rule: a first look of every
 * comparison, a plan per comparison from its first look's spread and the group's share of the
 * budget, then looks in batches, each a JMH run of its own, until each has stopped.
 */
final class DecisionGroup implements Part {
    static final String NULL_PAIR = "null pair";
    static final String CLAIM = "claim";
    static final String CANDIDATE = "candidate";
    /** What one JMH run costs beyond its forks: its own JVM's start and JMH's setup. */
    private static final double JMH_START_SECONDS = 1.5;

    /** One comparison: a strategy against plain on a backend, and what its looks found so far. */
    private static final class Comparison {
        final String strategy;
        final String backend;
        final List<JmhResult> looks = new ArrayList<>();
        Sequential.Plan plan;
        Sequential.Look last;
        double firstSpread = Double.NaN;
        double target;
        final List<EnvRecord.Look> ran = new ArrayList<>();
        String stop;

        Comparison(String strategy, String backend) {
            this.strategy = strategy;
            this.backend = backend;
        }

        String id() {
            return strategy + " on " + backend;
        }

        double[] logRatios() {
            return new PairedResult(looks).forkLogRatios();
        }
    }

    private final String name;
    private final String role;
    private final PairedWorkload workload;
    private final Decision decision;
    private final List<String> strategies;
    private final List<String> backends;
    private final int firstLook;
    private int index;

    DecisionGroup(String name, String role, PairedWorkload workload, Decision decision, List<String> strategies, List<String> backends,
                  int firstLook) {
        this.name = name;
        this.role = role;
        this.workload = workload;
        this.decision = decision;
        this.strategies = strategies;
        this.backends = backends;
        this.firstLook = firstLook;
        decision.add(this);
    }

    String role() {
        return role;
    }

    @Override
    public Part at(int index) {
        this.index = index;
        return this;
    }

    public String name() {
        return name;
    }

    public String detail() {
        return String.join(", ", strategies) + " against plain on " + workload.words + ", " + String.join(" and ", backends)
                + ", a first look of " + firstLook + " forks each, then looks until decided";
    }

    /** The first look's seconds: every comparison's forks and a JMH start per backend. */
    double firstLookSeconds() {
        double s = 0;
        for (String b : backends) {
            s += strategies.size() * firstLook * workload.secondsPerFork(decision.profile(), b) + JMH_START_SECONDS;
        }
        return s;
    }

    public double estimate() {
        return firstLookSeconds() + Math.max(0, decision.plannedExtraSeconds(this));
    }

    public void run(RunContext ctx) {
        Map<String, Double> forkSeconds = new LinkedHashMap<>();
        List<Comparison> all = new ArrayList<>();
        for (String backend : backends) {
            List<Comparison> these = strategies.stream().map(s -> new Comparison(s, backend)).toList();
            all.addAll(these);
            double[] took = new double[1];
            Path file = jmh(ctx, name + "-" + backend + "-look1", String.join(",", strategies), backend, firstLook, took);
            forkSeconds.put(backend, Math.max(0.5, (took[0] - JMH_START_SECONDS) / (firstLook * (double) strategies.size())));
            for (JmhResult r : JmhResult.read(file)) {
                these.stream().filter(c -> c.strategy.equals(r.param("strategy"))).forEach(c -> c.looks.add(r));
            }
        }
        plan(all, forkSeconds);
        List<Comparison> open = new ArrayList<>();
        for (Comparison c : all) {
            if (!judge(ctx, c, 0)) {
                open.add(c);
            }
        }
        for (int k = 1; !open.isEmpty(); k++) {
            for (Comparison c : List.copyOf(open)) {
                int more = c.plan.looks().get(k) - c.plan.looks().get(k - 1);
                double seconds = more * forkSeconds.get(c.backend) + JMH_START_SECONDS;
                if (decision.elapsed() + seconds > decision.deadline(this)) {
                    c.stop = "the budget was spent at look " + k + " of " + c.plan.looks().size();
                    finish(c);
                    open.remove(c);
                    continue;
                }
                Path file = jmh(ctx, name + "-" + c.backend + "-" + c.strategy + "-look" + (k + 1), c.strategy, c.backend, more, null);
                JmhResult.read(file).forEach(c.looks::add);
                if (judge(ctx, c, k)) {
                    open.remove(c);
                }
            }
        }
        decision.finished(this);
    }

    /**
     * Each comparison's plan, from its first look's spread: the forks its target asks for (the
     * claim: the resolution over the square root of 2; the null pairs and the candidates, whose job
     * is to lie clear of an edge: half the margin), within the group's time: half of it in equal
     * shares (each up to its need), so that a noisy first look still gets forks; the rest to the
     * smallest needs first, so that as many comparisons as the budget allows reach their target.
     */
    private void plan(List<Comparison> all, Map<String, Double> forkSeconds) {
        Map<Comparison, Double> perFork = new LinkedHashMap<>();
        Map<Comparison, Integer> need = new LinkedHashMap<>();
        for (Comparison c : all) {
            double[] logs = c.logRatios();
            c.firstSpread = Sequential.spread(logs);
            // the claim: widened by the resolution in quadrature, an interval this wide is no wider than 1.41 resolutions
            c.target = role.equals(CLAIM) ? Math.log1p(decision.rule.resolution()) / Math.sqrt(2) : Math.log1p(decision.rule.margin() / 2);
            // about what the last look's boundary (near 2.1 standard errors) asks for: a first guess, refined by the plan
            int n = Double.isNaN(c.firstSpread) ? firstLook : (int) Math.ceil(Math.pow(2.1 * c.firstSpread / c.target, 2) * 1.15);
            need.put(c, Math.max(0, n - logs.length));
            perFork.put(c, forkSeconds.get(c.backend) + JMH_START_SECONDS / Sequential.MIN_BATCH);
        }
        // half the time in equal shares (each comparison up to its need), then the rest to the smallest needs first
        double extra = decision.extraSeconds(this);
        Map<Comparison, Double> given = new LinkedHashMap<>();
        double left = extra;
        for (Comparison c : all) {
            double g = Math.min(need.get(c) * perFork.get(c), extra / 2 / all.size());
            given.put(c, g);
            left -= g;
        }
        List<Comparison> byNeed = new ArrayList<>(all);
        byNeed.sort(java.util.Comparator.comparingDouble(c -> need.get(c) * perFork.get(c) - given.get(c)));
        for (Comparison c : byNeed) {
            double more = Math.min(need.get(c) * perFork.get(c) - given.get(c), left);
            given.merge(c, more, Double::sum);
            left -= more;
        }
        Sequential rule = decision.rule(firstLook);
        for (Comparison c : all) {
            c.plan = rule.plan(c.firstSpread, firstLook + (int) Math.floor(given.get(c) / perFork.get(c)), c.target);
        }
    }

    /** Look {@code k} of a comparison: says what it found; true when the comparison stops there. */
    private boolean judge(RunContext ctx, Comparison c, int k) {
        Sequential.Look look = decision.rule(firstLook).look(c.plan, k, c.logRatios());
        c.last = look;
        Verdict v = decision.rule.judge(look.ratio());
        double critical = c.plan.critical(k);
        double z = c.plan.z().get(k);
        c.ran.add(new EnvRecord.Look(look.ratio().forks(), Double.isFinite(z) ? z : null, Double.isFinite(critical) ? critical : null,
                v.word().text()));
        ctx.progress.say(String.format(Locale.ROOT, "  %s%s %s, look %d of %d: %s", workload == PairedWorkload.CONCURRENT ? "concurrent " : "",
                role, c.id(), k + 1, c.plan.looks().size(),
                v.phrase()));
        if (look.stop()) {
            c.stop = v.decided() ? v.word().text() + " at look " + (k + 1) : "the planned forks were spent";
        }
        finish(c);
        return look.stop();
    }

    /** Puts a comparison on record as it stands, after every look: an interrupted run keeps the looks that ran. */
    private void finish(Comparison c) {
        Verdict v = decision.rule.judge(c.last.ratio());
        List<Double> z = c.plan.z().stream().map(x -> Double.isFinite(x) ? x : null).toList();
        decision.decided(new EnvRecord.Sequence(c.strategy, c.backend, role, firstLook, Double.isNaN(c.firstSpread) ? null
                : c.firstSpread * 100, c.plan.maxForks(), Math.expm1(c.target) * 100, c.plan.looks(), z, List.copyOf(c.ran),
                c.stop == null ? "not stopped: the run ended during its looks" : c.stop, workload.id), v);
    }

    /** One JMH run of a comparison (or of the first look's strategies): its file, and the seconds it took in {@code took}. */
    private Path jmh(RunContext ctx, String part, String strategyList, String backend, int forks, double[] took) {
        Path[] file = new Path[1];
        new JmhPart(part, strategyList + " against plain on " + workload.words + ", " + backend, workload.include,
                workload.params(strategyList, backend), strategyList.split(",").length, () -> forks,
                workload.iterations(decision.profile(), backend), workload.secondsPerFork(decision.profile(), backend), (f, seconds) -> {
                    file[0] = f;
                    if (took != null) {
                        took[0] = seconds;
                    }
                }).at(index).run(ctx);
        return file[0];
    }
}
