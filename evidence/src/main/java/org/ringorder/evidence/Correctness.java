package org.ringorder.evidence;

import java.util.ArrayList;
import java.util.List;
import org.ringorder.strategy.Roles;
import org.ringorder.strategy.Safety;

/**
 * What one run says about one strategy's correctness, part by part, counting only the evidence it
 * has: a part that did not run is "not run", never clean.
 */
public record Correctness(String strategy, Status stress, Status litmus, Status kvm, Status workload) {
    /** One part's word on the strategy. */
    public record Status(State state, String detail) {
        static Status notRun() {
            return new Status(State.NOT_RUN, "not run");
        }
    }

    public enum State {
        NOT_RUN, CLEAN, VIOLATED
    }

    /** Whether any part saw the strategy lose or corrupt a page. */
    public boolean violated() {
        return List.of(stress, litmus, kvm, workload).stream().anyMatch(s -> s.state() == State.VIOLATED);
    }

    /** E.g. {@code stress clean (3.1 M entries), litmus not run, kvm clean, workload not run}. */
    public String words() {
        List<String> parts = new ArrayList<>();
        parts.add("stress " + stress.detail());
        parts.add("litmus " + litmus.detail());
        parts.add("kvm " + kvm.detail());
        parts.add("workload " + workload.detail());
        return String.join(", ", parts);
    }

    public static Correctness of(Run run, String strategy) {
        return new Correctness(strategy, stress(run, strategy), litmus(run, strategy), kvm(run, strategy), workload(run, strategy));
    }

    private static Status stress(Run run, String s) {
        List<StressRecord> rs = run.stress().stream().filter(r -> r.strategy().equals(s)).toList();
        if (rs.isEmpty()) {
            return Status.notRun();
        }
        long bad = rs.stream().mapToLong(StressRecord::violations).sum();
        long checked = rs.stream().mapToLong(StressRecord::entriesChecked).sum();
        return bad > 0 ? new Status(State.VIOLATED, bad + " violations") : new Status(State.CLEAN, "clean (" + checked + " entries)");
    }

    /**
     * A bad outcome seen drops a strategy whatever its expectation: seen is seen. Only tests whose
     * bad outcome is the strategy's count: not the kernel model's alone ({@code linux}), not a
     * plain handoff's (no strategy can order one). Tests that did not run count for nothing.
     */
    private static Status litmus(Run run, String s) {
        List<LitmusRecord> rs = run.litmus().stream().filter(r -> r.strategy().equals(s) && charged(r)).toList();
        List<LitmusRecord> ran = rs.stream().filter(LitmusRecord::ran).toList();
        if (ran.isEmpty()) {
            return rs.isEmpty() ? Status.notRun() : new Status(State.NOT_RUN, "not run (" + rs.size() + " tests could not run here)");
        }
        long bad = ran.stream().mapToLong(LitmusRecord::badSamples).sum();
        String notRun = ran.size() < rs.size() ? ", " + (rs.size() - ran.size()) + " of " + rs.size() + " tests not run" : "";
        return bad > 0 ? new Status(State.VIOLATED, "bad outcome seen " + bad + " times" + notRun)
                : new Status(State.CLEAN, "clean (" + ran.size() + " tests" + notRun + ")");
    }

    private static boolean charged(LitmusRecord r) {
        try {
            return Safety.Shape.byId(r.shape()).chargedToStrategy(Roles.byName(r.rolesOrAll()));
        } catch (IllegalArgumentException unknownShape) {
            return true; // a shape this build does not know: seen is seen
        }
    }

    /**
     * Lost pages after the kernel overran its own ring are the kernel's loss, not the strategy's;
     * a bad payload or a reset mismatch is always the strategy's. Every ring row counts (each setting
     * and process); a lost write is a page whose final content is not its last copy.
     */
    private static Status kvm(Run run, String s) {
        List<KvmRecord> rs = run.kvmAll().stream().filter(r -> r.isRing() && r.broken() == null && s.equals(r.strategy())).toList();
        if (rs.isEmpty()) {
            return Status.notRun();
        }
        long bad = 0;
        long excused = 0;
        for (KvmRecord r : rs) {
            bad += r.ring().outOfRange() + r.ring().resetMismatches();
            long lost = r.migration() != null ? r.migration().differences() : r.lostPages();
            if (r.ring().ringOverruns() > 0) {
                excused += lost;
            } else {
                bad += lost;
            }
        }
        if (bad > 0) {
            return new Status(State.VIOLATED, bad + " violations");
        }
        return new Status(State.CLEAN, excused > 0 ? "clean (" + excused + " pages lost after a kernel ring overrun: the kernel's)" : "clean");
    }

    /** No strategy can order a plain doorbell: violations under {@code doorbell=plain} are not the strategy's. */
    private static Status workload(Run run, String s) {
        List<JmhResult> rs = run.results().stream()
                .filter(r -> r.workload() && r.param("strategy").equals(s) && !r.param("doorbell").equals("plain")).toList();
        if (rs.isEmpty()) {
            return Status.notRun();
        }
        double bad = 0;
        for (JmhResult r : rs) {
            bad += r.metric("stalePayloads").map(JmhRecord.Metric::score).orElse(0.0)
                    + r.metric("shortResets").map(JmhRecord.Metric::score).orElse(0.0);
        }
        return bad > 0 ? new Status(State.VIOLATED, (long) bad + " violations") : new Status(State.CLEAN, "clean");
    }
}
