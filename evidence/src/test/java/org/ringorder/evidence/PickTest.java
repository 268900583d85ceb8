package org.ringorder.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PickTest {
    @TempDir
    Path dir;

    /** Paired fixtures on the JVM backend: each strategy's ratio to plain, the forks spread by {@code spread}. */
    private Run paired(String name, String arch, double spread, Map<String, Double> ratios) throws Exception {
        List<RunFixtures.Pair> pairs = new ArrayList<>();
        ratios.forEach((s, r) -> pairs.add(new RunFixtures.Pair(s, r, spread, 5.0, "jvm")));
        return Run.load(RunFixtures.write(dir.resolve(name), arch, true, Run.FORMAT_VERSION, List.of(), pairs));
    }

    private static Map<String, Double> ratios(double opaque, double vol, double acq, double full, double batched) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("plain", 1.0);
        m.put("opaque", opaque);
        m.put("volatile", vol);
        m.put("acquire-load", acq);
        m.put("full-fence", full);
        m.put("batched-fence", batched);
        return m;
    }

    @Test
    void theCheapestKnownSafeStrategyWinsNeverPlainOrOpaque() throws Exception {
        Run x86 = paired("x86", "x86_64", 0.002, ratios(1.01, 5, 1.12, 9, 1.3));
        Pick.Result r = Pick.pick(List.of(x86));
        assertEquals("acquire-load", r.flag().orElseThrow());
        String line = r.evidence().get(0).line();
        assertTrue(line.contains("plain 5.000") && line.contains("(the reference) [never picked: unsafe]"), line);
        assertTrue(line.contains("opaque 5.050") && line.contains("[never picked: unsafe]"), line);
        assertTrue(line.contains("acquire-load 5.600") && line.contains("costs +12.0% (95% CI") && line.contains("[picked]"), line);
        assertTrue(line.contains("[harvest + reset, paired with plain in the same forks]"), line);
        assertTrue(r.why().contains("the next candidate, batched-fence, costs +16.1% (95% CI"), r.why());
        // the report's verdict column reads these: the claim's own words for the claim, the verdict's phrase for the rest
        Pick.Evidence e = r.evidence(x86);
        assertEquals(r.timedClaims().get(0).words(), e.vsPlain().get("acquire-load"));
        assertTrue(e.vsPlain().get("batched-fence").startsWith("costs +30.0%"), e.vsPlain().toString());
        assertTrue(!e.vsPlain().containsKey("plain") && e.nullPair().isPresent(), e.vsPlain().toString());
    }

    @Test
    void withSeveralRunsTheSmallestWorstCaseWins() throws Exception {
        // acquire-load is cheapest on x86 but 3x the best on arm; batched-fence is never more than 1.25x the best.
        Run x86 = paired("x86", "x86_64", 0.002, ratios(1, 5, 1.0, 9, 1.25));
        Run arm = paired("arm", "aarch64", 0.002, ratios(1, 2, 3.0, 4, 1.0));
        assertEquals("batched-fence", Pick.pick(List.of(x86, arm)).flag().orElseThrow());
        assertEquals("acquire-load", Pick.pick(List.of(x86)).flag().orElseThrow());
    }

    @Test
    void theClaimSaysFreeCostsOrInconclusiveFromTheIntervalItPrints() throws Exception {
        String free = Pick.pick(List.of(paired("same", "x86_64", 0.002, ratios(1, 5, 1.003, 9, 1.3)))).claims().get(0);
        assertTrue(free.startsWith("acquire-load on x86_64, JDK 17: free: +0.3% (95% CI +0.") && free.endsWith("inside ±2%); not zero: "
                + "+0.1..+0.5%"), free);
        String dear = Pick.pick(List.of(paired("dear", "aarch64", 0.002, ratios(1, 5, 1.62, 9, 1.3)))).claims().get(0);
        assertTrue(dear.startsWith("acquire-load on aarch64, JDK 17: costs +62.0% (95% CI +61.") && dear.contains(", 5 forks, paired); not zero: +61."), dear);
        String wide = Pick.pick(List.of(paired("wide", "x86_64", 0.3, ratios(1, 5, 1.1, 9, 1.3)))).claims().get(0);
        // its null pair, as noisy, is not free: the claim is marked so, never a plain verdict
        assertTrue(wide.startsWith("acquire-load on x86_64, JDK 17: unreliable (its null pair was not free: inconclusive): inconclusive (±") && wide.endsWith("more forks would decide; zero not excluded"), wide);
        Run margin = paired("margin", "x86_64", 0.002, ratios(1, 5, 1.03, 9, 1.3));
        assertTrue(Pick.pick(List.of(margin), new Pick.Rule(0.05, 0.95)).claims().get(0).contains(": free: +3.0%"),
                "a wider margin stated in advance makes +3% free");
    }

    @Test
    void aStrategyThatLostPagesInTheStressPartIsNeverPicked() throws Exception {
        Run x86 = paired("x86", "x86_64", 0.002, ratios(1.01, 5, 1.2, 9, 1.3));
        Run.write(x86.dir(), Run.STRESS, List.of(new StressRecord("acquire-load", "all", 1, 1024, 64, "random", 1000, 10, 10, 1, 0, 0, 0, 1)));
        Pick.Result r = Pick.pick(List.of(x86));
        assertEquals("batched-fence", r.flag().orElseThrow());
        String line = r.evidence().get(0).line();
        assertTrue(line.contains("[excluded: seen failing]"), line);
        assertEquals(Standing.Kind.SEEN_FAILING, r.standing("acquire-load").kind());
        assertEquals(Standing.Kind.PICKED, r.standing("batched-fence").kind());
        assertEquals(Standing.Kind.CANDIDATE, r.standing("volatile").kind());
        assertEquals(Standing.Kind.UNSAFE, r.standing("plain").kind());
        assertTrue(line.contains("acquire-load: stress 1 violations, litmus not run, kvm not run, workload not run"), line);
    }

    /** pick names the JDK and setting of every instruction it quotes, and says what arm64's acquire-load runs. */
    @Test
    void theArm64ClaimSaysWhatEachJdksC2Runs() throws Exception {
        Run x86 = paired("x86", "x86_64", 0.002, ratios(1.01, 5, 1.2, 9, 1.3));
        Run.write(x86.dir(), Run.ASM, List.of(
                asm("17", "default", "OpenJDK 17.0.21 (arm64, QEMU)", "observeDirty", "ldar w0, [x10]"),
                asm("17", "default", "OpenJDK 17.0.21 (arm64, QEMU)", "markReset", "dmb ish", "str w10, [x11, #16]"),
                asm("25", "-XX:-AlwaysMergeDMB", "OpenJDK 25.0.5 (arm64, QEMU), -XX:-AlwaysMergeDMB", "observeDirty", "ldar w0, [x10]"),
                asm("25", "-XX:-AlwaysMergeDMB", "OpenJDK 25.0.5 (arm64, QEMU), -XX:-AlwaysMergeDMB", "markReset", "dmb ishst",
                        "dmb ishld", "str w10, [x11, #16]")));
        Pick.Result r = Pick.pick(List.of(Run.load(x86.dir())));
        List<String> arm = r.claims().stream().filter(c -> c.contains("on aarch64")).toList();
        assertEquals(2, arm.size(), r.claims().toString());
        assertTrue(arm.get(0).startsWith("acquire-load on aarch64, C2 of OpenJDK 17.0.21 (arm64, QEMU): observe DIRTY is a "
                + "load-acquire (ldar); mark RESET is 1 barrier (dmb ish) before a plain str"), arm.get(0));
        assertTrue(arm.get(1).contains("OpenJDK 25.0.5 (arm64, QEMU), -XX:-AlwaysMergeDMB: observe DIRTY is a load-acquire (ldar); "
                + "mark RESET is 2 barriers (dmb ishst, dmb ishld) before a plain str"), arm.get(1));
        String line = r.evidence().get(0).line();
        assertTrue(line.contains("aarch64 C2 JDK 25 -XX:-AlwaysMergeDMB ldar | dmb ishst+dmb ishld+str"), line);
    }

    /** riscv64 is read through its own table, as aarch64 is; a weaker point is named in its line and qualifies "known safe". */
    @Test
    void theRiscv64ClaimAndAWeakerPointQualifyKnownSafe() throws Exception {
        Run x86 = paired("x86", "x86_64", 0.002, ratios(1.01, 5, 1.2, 9, 1.3));
        Run.write(x86.dir(), Run.ASM, List.of(
                acquireLoad("riscv64", "observeDirty", "lw a0,16(a1)", "fence r,rw"),
                acquireLoad("riscv64", "markReset", "fence rw,w", "sw a5,16(a1)"),
                acquireLoad("aarch64", "observeDirty", "ldar w0, [x10]"),
                acquireLoad("aarch64", "markReset", "dmb ishld", "str w10, [x11, #16]")));
        Pick.Result r = Pick.pick(List.of(Run.load(x86.dir())));
        String riscv = r.claims().stream().filter(c -> c.contains("on riscv64")).findFirst().orElseThrow();
        assertTrue(riscv.startsWith("acquire-load on riscv64, C2 of OpenJDK 17: observe DIRTY is a plain lw, then 1 barrier "
                + "(fence r,rw); mark RESET is 1 barrier (fence rw,w) before a plain sw ["), riscv);
        assertTrue(riscv.endsWith("read under QEMU: no timing]"), riscv);
        String arm = r.claims().stream().filter(c -> c.contains("on aarch64")).findFirst().orElseThrow();
        assertTrue(arm.contains("mark RESET is 1 barrier (dmb ishld) before a plain str; weaker than required at markReset "
                + "(earlier stores before the RESET store)"), arm);
        assertTrue(r.warnings().stream().anyMatch(w -> w.endsWith("emitted code weaker than required: acquire-load on aarch64 C2 JDK 17 "
                + "default at markReset (the orders each misses: ringorder asm, or the report's instructions)")), r.warnings().toString());
        assertEquals(Optional.of("acquire-load"), r.flag(), "weaker on aarch64 only: still the flag for the x86_64 run");
        assertTrue(r.why().contains("; not known safe on aarch64 C2 JDK 17 default, whose code is weaker at markReset (earlier "
                + "stores before the RESET store)"), r.why());
        assertTrue(r.evidence().get(0).line().contains("riscv64 C2 JDK 17 default lw+fence r,rw | fence rw,w+sw"), r.evidence().get(0).line());
    }

    /** Where the run itself ran, a weaker point makes the strategy not known safe: it is never picked there. */
    @Test
    void aStrategyWeakerWhereTheRunRanIsNotKnownSafeThere() throws Exception {
        Run x86 = paired("x86", "x86_64", 0.002, ratios(1.01, 5, 1.2, 9, 1.3));
        Run.write(x86.dir(), Run.ASM, List.of(new AsmRecord("x86_64", "jvm", "OpenJDK 17", "17", "default", "volatile", "markReset",
                        List.of("movl $0x2,0x10(%rsi,%rdx,4)"), List.of()),
                new AsmRecord("x86_64", "jvm", "OpenJDK 17", "17", "default", "volatile", "observeDirty",
                        List.of("mov 0x10(%rsi,%rdx,4),%eax"), List.of())));
        Pick.Result r = Pick.pick(List.of(Run.load(x86.dir())));
        Standing v = r.standing("volatile");
        assertEquals(Standing.Kind.UNSAFE, v.kind(), v.words());
        assertTrue(v.why().startsWith("not known safe where it ran: its emitted code is weaker: markReset on x86_64 C2 JDK 17 "
                + "default (the RESET store before later volatile loads)"), v.why());
    }

    private static AsmRecord acquireLoad(String arch, String point, String... insns) {
        return new AsmRecord(arch, "jvm", "OpenJDK 17", "17", "default", "acquire-load", point, List.of(insns), List.of(insns));
    }

    private static AsmRecord asm(String jdk, String setting, String compiler, String point, String... insns) {
        return new AsmRecord("aarch64", "jvm", compiler, jdk, setting, "acquire-load", point, List.of(insns), List.of(insns));
    }

    @Test
    void evidenceThatWasNotGatheredIsNotRunNotClean() throws Exception {
        Run x86 = paired("x86", "x86_64", 0.002, ratios(1.01, 5, 1.2, 9, 1.3));
        String line = Pick.pick(List.of(x86)).evidence().get(0).line();
        assertTrue(line.contains("volatile: stress not run, litmus not run, kvm not run, workload not run"), line);
    }

    @Test
    void kvmExcusesOnlyPagesLostAfterAKernelOverrun() throws Exception {
        Run x86 = paired("x86", "x86_64", 0.002, ratios(1.01, 5, 1.2, 9, 1.3));
        Run.write(x86.dir(), Run.KVM, List.of(
                kvm("acquire-load", 12, 0, 0, 3), // pages lost after the kernel overran its ring: the kernel's
                kvm("batched-fence", 0, 1, 0, 3), // a bad payload: always the strategy's
                kvm("volatile", 5, 0, 0, 0))); // pages lost with no overrun: the strategy's
        Pick.Result r = Pick.pick(List.of(x86));
        assertEquals("acquire-load", r.flag().orElseThrow());
        String line = r.evidence().get(0).line();
        assertTrue(line.contains("acquire-load: stress not run, litmus not run, kvm clean (12 pages lost after a kernel ring overrun"), line);
        assertTrue(line.contains("batched-fence: stress not run, litmus not run, kvm 1 violations"), line);
        assertTrue(line.contains("volatile: stress not run, litmus not run, kvm 5 violations"), line);
    }

    private static KvmRecord kvm(String s, long lost, long outOfRange, long mismatches, long overruns) {
        return new KvmRecord(null, s, null, "userspace", "KVM_CAP_DIRTY_LOG_RING_ACQ_REL", "aarch64", 4096L, null, null, null, 2000, lost,
                lost + outOfRange + mismatches, new KvmRecord.Capabilities(1 << 20, 1 << 20, 1L, KvmRecord.WITH_BITMAP_NOT_ENABLED, null),
                new KvmRecord.Workload(1, 4096, 256, null, "sequential", 0, null, null, null),
                new KvmRecord.Ring(1000, 5e5, 900, 1.1, mismatches, 0, 0, 0, overruns, outOfRange),
                new KvmRecord.ResetTiming(0.4, 0.3, 0.8, 1.2), new KvmRecord.Guest(1000, 5e5, 900), null, null);
    }

    @Test
    void aNullPairThatIsNotFreeMarksTheRunUnreliable() throws Exception {
        Map<String, Double> m = ratios(1.01, 5, 1.2, 9, 1.3);
        m.put("plain", 1.04); // plain against its own copy, 4% apart: a bias or a noisy machine
        Run noisy = paired("noisy", "x86_64", 0.002, m);
        Pick.Result r = Pick.pick(List.of(noisy));
        assertEquals(1, r.warnings().size(), r.warnings().toString());
        assertTrue(r.warnings().get(0).contains("the jvm null pair (plain against a separately compiled plain) came out costs +4.0%")
                && r.warnings().get(0).endsWith("the run's verdicts are unreliable"), r.warnings().get(0));
        assertTrue(Pick.pick(List.of(paired("quiet", "x86_64", 0.002, ratios(1.01, 5, 1.2, 9, 1.3)))).warnings().isEmpty());
    }

    @Test
    void emulatedTimingsAreNeverUsed() throws Exception {
        Path d = RunFixtures.write(dir.resolve("emu"), "aarch64", true, Run.FORMAT_VERSION, List.of(),
                List.of(new RunFixtures.Pair("acquire-load", 1.3, 0.01, 5, "jvm"), new RunFixtures.Pair("plain", 1.0, 0.01, 5, "jvm")));
        EnvRecord e = RunFixtures.env("aarch64", true, Run.FORMAT_VERSION);
        Run.writeEnv(d, new EnvRecord(e.formatVersion(), e.ringorderVersion(), e.gitCommit(), e.profile(), e.start(), e.end(),
                true, "aarch64", e.cpu(), e.cores(), e.kernel(), e.os(), e.governor(), e.jvm(), null, null, null, null,
                "qemu-system-aarch64 (TCG)", null, null));
        Pick.Result r = Pick.pick(List.of(Run.load(d)));
        assertTrue(r.flag().isEmpty());
        assertEquals("acquire-load on aarch64: timings under emulation: not used", r.claims().get(0));
        assertTrue(r.evidence().get(0).line().endsWith("timings under emulation (qemu-system-aarch64 (TCG)): not used; "
                + "correctness evidence counts"), r.evidence().get(0).line());
    }

    @Test
    void aRunOfIndependentForksStillPicksButItsClaimSaysSo() throws Exception {
        Map<String, double[]> c = new LinkedHashMap<>();
        for (var e : ratios(1.01, 5, 1.2, 9, 1.3).entrySet()) {
            c.put(e.getKey(), new double[] {2 * e.getValue(), 3 * e.getValue()});
        }
        Run old = Run.load(RunFixtures.write(dir.resolve("old"), "x86_64", true, 1, RunFixtures.costs(c, 0.01)));
        Pick.Result r = Pick.pick(List.of(old));
        assertEquals("acquire-load", r.flag().orElseThrow());
        assertTrue(r.claims().get(0).contains("[from independent forks: run this ringorder for a paired verdict]"), r.claims().get(0));
        assertTrue(r.evidence().get(0).line().contains("independent forks (one strategy per fork)"), r.evidence().get(0).line());
    }

    @Test
    void aRunWithoutTheSettingIsNotUsed() throws Exception {
        Run none = Run.load(RunFixtures.write(dir.resolve("none"), "x86_64", true, 1,
                new RunFixtures.Row("BareScan", "plain", 4096, 1, 0.6, 0.01)));
        Pick.Result r = Pick.pick(List.of(none));
        assertTrue(r.flag().isEmpty());
        assertTrue(r.evidence().get(0).line().endsWith("not used"), r.evidence().get(0).line());
    }

    @Test
    void aFormatVersionThisRingorderCannotReadIsOneLine() throws Exception {
        Path b = RunFixtures.write(dir.resolve("b"), "aarch64", true, 99, RunFixtures.costs(Map.of("plain", new double[] {1, 1}), 0.01));
        UserError e = assertThrows(UserError.class, () -> Run.load(b));
        assertEquals(b.resolve("env.json") + " has results-format version 99, which this ringorder cannot read (it reads [1, 2, 3]): "
                + "use the ringorder that wrote it, or a newer one", e.getMessage());
    }
}
