package org.ringorder.parts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A JMH benchmark, described once: its name (what {@code --bench} and {@code --only} take), its
 * class and {@code @Benchmark} methods (or groups), the {@code @Param} fields it takes from the
 * plan and the values it fixes, the backends it runs on, and when a profile includes it. How many
 * settings a run measures is the product of the values passed, times the methods: nothing counts
 * them by hand. {@code BenchSpecTest} checks the methods and params against the class.
 */
public final class BenchSpec implements PartSpec {
    /** Where it runs: the JVM only, the native backend only, or each backend of the plan. */
    enum Backends {
        JVM, NATIVE, PLAN
    }

    /** When a profile runs it without being asked by name. */
    public enum Tier {
        /** micro's quick default, and every profile that runs the microbenchmarks. */
        CORE,
        /** every profile that runs the microbenchmarks. */
        EXTENDED,
        /** only when named (--bench, --only). */
        BY_NAME
    }

    /** When its runs take 2 warm-up and 3 measured iterations at most: gcc's code varies less between forks than C2's. */
    public enum Brief {
        /** its native runs, outside the full profile */
        NATIVE_OUTSIDE_FULL,
        /** every run (one empty JNI call: nothing to settle) */
        ALWAYS,
        /** never (the paired benchmark: its iterations are its pairs) */
        NEVER
    }

    /** The {@code @Param} fields a benchmark may take from the plan, by the plan's list. */
    public static final List<String> PLAN_PARAMS = List.of("strategy", "ringSize", "vcpus", "roles", "pattern", "layout", "backend");

    /** One JMH run: its part's name suffix, what it runs, its methods and params, and JMH options beyond them (e.g. -tg). */
    public record JmhRun(String suffix, String detail, List<String> methods, Map<String, List<String>> params, List<String> extra,
                  String backend) {
    }

    public final String name;
    public final String benchmark;
    final String summary;
    public final List<String> methods;
    public final List<String> fromPlan;
    final Map<String, List<String>> fixed;
    final Backends backends;
    final Tier tier;
    private final BiFunction<BenchSpec, Plan, List<JmhRun>> runs;
    private Brief brief = Brief.NATIVE_OUTSIDE_FULL;

    /**
     * @param fromPlan the params it takes from the plan, among {@link #PLAN_PARAMS}
     * @param fixed    params it fixes, whatever the plan (e.g. pollute: false and true)
     * @param runs     its JMH runs under a plan; null: one per backend, every method, the plan's values
     */
    BenchSpec(String name, String benchmark, String summary, List<String> methods, List<String> fromPlan,
              Map<String, List<String>> fixed, Backends backends, Tier tier, BiFunction<BenchSpec, Plan, List<JmhRun>> runs) {
        this.name = name;
        this.benchmark = benchmark;
        this.summary = summary;
        this.methods = methods;
        this.fromPlan = fromPlan;
        this.fixed = fixed;
        this.backends = backends;
        this.tier = tier;
        this.runs = runs != null ? runs : BenchSpec::perBackend;
    }

    /** This spec, its runs brief as {@code b} says. */
    BenchSpec brief(Brief b) {
        brief = b;
        return this;
    }

    public String name() {
        return name;
    }

    public String summary() {
        return summary;
    }

    /** Its JMH parts under the plan, when the plan measures it. */
    public List<Part> parts(Plan plan) {
        if (!plan.benchmarks.contains(name)) {
            return List.of();
        }
        List<Part> parts = new ArrayList<>();
        for (JmhRun r : runs(plan)) {
            if (r.params().values().stream().noneMatch(List::isEmpty)) {
                parts.add(part(plan, r));
            }
        }
        return parts;
    }

    /** Its JMH runs under the plan, whether or not the plan measures it. */
    public List<JmhRun> runs(Plan plan) {
        return runs.apply(this, plan);
    }

    /** The backends it runs on under the plan. */
    List<String> backends(Plan plan) {
        return switch (backends) {
            case JVM -> List.of("jvm");
            case NATIVE -> plan.backends.contains("native") ? List.of("native") : List.of();
            case PLAN -> plan.backends;
        };
    }

    /** The plan's values of its params on a backend (the native backend: its own strategies, the heap layout). */
    public Map<String, List<String>> planParams(Plan plan, String backend) {
        Map<String, List<String>> p = new LinkedHashMap<>();
        for (String param : fromPlan) {
            p.put(param, switch (param) {
                case "strategy" -> plan.strategiesOn(backend);
                case "ringSize" -> plan.ringSizes;
                case "vcpus" -> plan.vcpus;
                case "roles" -> plan.roles;
                case "pattern" -> plan.patterns;
                case "layout" -> backend.equals("native") ? List.of("heap") : plan.layouts;
                case "backend" -> List.of(backend);
                default -> throw new IllegalStateException(name + ": no plan list for @Param " + param);
            });
        }
        fixed.forEach(p::put);
        return p;
    }

    /** The default: one run per backend, every method, the plan's values. */
    private static List<JmhRun> perBackend(BenchSpec b, Plan plan) {
        List<JmhRun> r = new ArrayList<>();
        for (String backend : b.backends(plan)) {
            Map<String, List<String>> params = b.planParams(plan, backend);
            String strategies = params.containsKey("strategy") ? String.join(", ", params.get("strategy")) + " on " : "";
            r.add(new JmhRun(backend.equals("native") && b.backends == Backends.PLAN ? "-native" : "", strategies + backend,
                    b.methods, params, List.of(), backend));
        }
        return r;
    }

    /** How many settings a run measures: every combination of its params' values, for each method. */
    public static int settings(JmhRun r) {
        int n = r.methods().size();
        for (List<String> values : r.params().values()) {
            n *= values.size();
        }
        return n;
    }

    /** A run as a part, brief where {@link Brief} says. */
    private JmhPart part(Plan plan, JmhRun r) {
        boolean brief = switch (this.brief) {
            case NATIVE_OUTSIDE_FULL -> "native".equals(r.backend()) && plan.profile != Profile.full;
            case ALWAYS -> true;
            case NEVER -> false;
        };
        int wi = brief ? Math.min(plan.warmups, 2) : plan.warmups;
        int it = brief ? Math.min(plan.iterations, 3) : plan.iterations;
        List<String> args = new ArrayList<>();
        r.params().forEach((k, v) -> args.addAll(List.of("-p", k + "=" + String.join(",", v))));
        args.addAll(r.extra());
        Profile.Settings p = plan.profile.settings;
        String include = "\\." + benchmark + "\\.(" + String.join("|", r.methods()) + ")$";
        return new JmhPart(name + r.suffix(), r.detail(), include, args, settings(r), () -> plan.forks,
                JmhPart.iterationArgs(wi, p.warmupSeconds, it, p.iterationSeconds),
                wi * p.warmupSeconds + it * p.iterationSeconds + 1.5, null);
    }
}
