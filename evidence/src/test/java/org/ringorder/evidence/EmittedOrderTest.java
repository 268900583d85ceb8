package org.ringorder.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The emitted-ordering check on fixed instruction sequences, in objdump's syntax for each
 * architecture: one weaker-than-required case per architecture and level, and the passing cases;
 * then the shipped asm.json files.
 */
class EmittedOrderTest {
    private static AsmRecord r(String arch, String strategy, String point, String... insns) {
        return new AsmRecord(arch, "jvm", "OpenJDK 17", "17", "default", strategy, point, List.of(insns), List.of(insns));
    }

    private static List<String> lines(AsmRecord... records) {
        return EmittedOrder.of(List.of(records)).findings().stream().map(EmittedOrder.Finding::line).toList();
    }

    // x86_64: TSO keeps every order but store-to-load

    @Test
    void x86PlainMovIsAnAcquireAndAReleaseUnderTso() {
        assertEquals(List.of(), lines(
                r("x86_64", "acquire-load", "observeDirty", "mov 0x10(%rsi,%rdx,4),%eax"),
                r("x86_64", "acquire-load", "markReset", "movl $0x2,0x10(%rsi,%rdx,4)"),
                r("x86_64", "plain", "observeDirty", "mov 0x10(%rsi,%rdx,4),%eax"),
                r("x86_64", "plain", "markReset", "movl $0x2,0x10(%rsi,%rdx,4)")));
    }

    @Test
    void x86VolatileStoreWithoutALockedInstructionFailsTheMode() {
        List<String> weak = lines(
                r("x86_64", "volatile", "markReset", "movl $0x2,0x10(%rsi,%rdx,4)"),
                r("x86_64", "volatile", "observeDirty", "mov 0x10(%rsi,%rdx,4),%eax"));
        assertEquals(List.of("x86_64 C2 JDK 17 default: volatile markReset (movl $0x2,0x10(%rsi,%rdx,4)) is weaker than "
                + "setVolatile: it does not order the RESET store before later volatile loads"), weak);
        for (String fence : List.of("lock addl $0x0,-0x40(%rsp)", "mfence")) {
            assertEquals(List.of(), lines(r("x86_64", "volatile", "markReset", "movl $0x2,0x10(%rsi,%rdx,4)", fence),
                    r("x86_64", "volatile", "observeDirty", "mov 0x10(%rsi,%rdx,4),%eax")), fence);
        }
        assertEquals(List.of(), lines(r("x86_64", "volatile", "markReset", "xchg %esi,(%rdi)"),
                r("x86_64", "volatile", "observeDirty", "mov (%rdi),%eax")), "gcc's seq_cst store");
    }

    @Test
    void x86ProtocolNeedsNoStoreToLoadOrderAtTheseShapes() {
        // every need is load-load, load-store or store-store: TSO keeps them with plain movs
        assertEquals(List.of(), lines(
                r("x86_64", "plain", "publishDirty", "movl $0x1,0x10(%rsi,%rdx,4)"),
                r("x86_64", "plain", "invalidate", "mov %r12d,0x10(%rsi,%rdx,4)"),
                r("x86_64", "plain", "publishResetIndex", "mov %edx,0x90(%rsi)"),
                r("x86_64", "plain", "observeResetIndex", "mov 0x90(%rsi),%eax")));
    }

    // aarch64

    @Test
    void aarch64LdarAndStlrPass() {
        assertEquals(List.of(), lines(
                r("aarch64", "acquire-load", "observeDirty", "ldar w0, [x1]"),
                r("aarch64", "acquire-load", "markReset", "stlr w2, [x1]"),
                r("aarch64", "acquire-load", "invalidate", "dmb ishst", "dmb ishld", "str wzr, [x10, #16]"),
                r("aarch64", "volatile", "markReset", "stlr w2, [x1]"),
                r("aarch64", "volatile", "observeDirty", "ldar w0, [x1]")));
    }

    @Test
    void aarch64StoreReleaseFromDmbIshldAloneFailsTheMode() {
        assertEquals(List.of("aarch64 C2 JDK 17 default: acquire-load markReset (dmb ishld; str w2, [x1]) is weaker than "
                + "setRelease: it does not order earlier stores before the RESET store"),
                lines(r("aarch64", "acquire-load", "markReset", "dmb ishld", "str w2, [x1]")));
    }

    @Test
    void aarch64VolatileStoreBeforeAnRcpcLoadFailsTheMode() {
        List<String> weak = lines(r("aarch64", "volatile", "markReset", "stlr w2, [x1]"),
                r("aarch64", "volatile", "observeDirty", "ldapr w0, [x1]"));
        assertEquals(List.of("aarch64 C2 JDK 17 default: volatile markReset (stlr w2, [x1]) is weaker than setVolatile: it "
                + "does not order the RESET store before later volatile loads"), weak);
    }

    @Test
    void aarch64ObserveDirtyWithItsBarrierBeforeTheLoadFailsTheProtocol() {
        List<String> weak = lines(r("aarch64", "full-fence", "observeDirty", "dmb ish", "ldr w0, [x1]"));
        assertTrue(weak.contains("aarch64 C2 JDK 17 default: full-fence observeDirty (dmb ish; ldr w0, [x1]) is weaker than the "
                + "protocol needs (e2): it does not order the flags load before the slot and offset loads"), weak.toString());
        assertTrue(weak.stream().anyMatch(l -> l.contains("weaker than get+fullFence: it does not order the flags load before later loads")),
                weak.toString());
    }

    @Test
    void aarch64PlainFailsTheProtocolWhereTsoKeptIt() {
        List<String> weak = lines(r("aarch64", "plain", "markReset", "str w2, [x1]"));
        assertEquals(List.of("aarch64 C2 JDK 17 default: plain markReset (str w2, [x1]) is weaker than the protocol needs (e3): "
                + "it does not order the slot and offset loads before the RESET store"), weak);
    }

    @Test
    void aBatchedStrategysFlagPointsAreCheckedWithTheirBatchPoint() {
        assertEquals(List.of(), lines(
                r("aarch64", "batched-fence", "observeDirty", "ldr w0, [x1]"),
                r("aarch64", "batched-fence", "markReset", "str w2, [x1]"),
                r("aarch64", "batched-fence", "afterBatchObserve", "dmb ish"),
                r("aarch64", "batched-fence", "beforeBatchPublish", "dmb ish")));
        List<String> weak = lines(
                r("aarch64", "batched-fence", "markReset", "str w2, [x1]"),
                r("aarch64", "batched-fence", "beforeBatchPublish", "dmb ishst"));
        assertTrue(weak.contains("aarch64 C2 JDK 17 default: batched-fence markReset (beforeBatchPublish: dmb ishst, then; str w2, "
                + "[x1]) is weaker than the protocol needs (e3): it does not order the slot and offset loads before the RESET store"),
                weak.toString());
        assertTrue(weak.stream().anyMatch(l -> l.startsWith("aarch64 C2 JDK 17 default: batched-fence beforeBatchPublish (dmb ishst) "
                + "is weaker than fullFence")), weak.toString());
    }

    // riscv64

    @Test
    void riscv64FencesPassAcquireAndRelease() {
        assertEquals(List.of(), lines(
                r("riscv64", "acquire-load", "observeDirty", "lw a0,16(a1)", "fence r,rw"),
                r("riscv64", "acquire-load", "markReset", "fence rw,w", "sw a5,16(a1)"),
                r("riscv64", "acquire-load", "observeReset", "lr.w.aq a5,(a0)"),
                r("riscv64", "acquire-load", "invalidate", "amoswap.w.rl zero,a5,(a0)"),
                r("riscv64", "volatile", "markReset", "fence rw,w", "sw a5,16(a1)", "fence rw,rw"),
                r("riscv64", "volatile", "observeDirty", "lw a0,16(a1)", "fence r,rw"),
                r("riscv64", "full-fence", "observeDirty", "lw a0,16(a1)", "fence iorw,iorw"),
                r("riscv64", "full-fence", "markReset", "fence", "sw a5,16(a1)")));
    }

    /** gcc's mapping (the ISA manual's table A.6) puts the store-to-load fence before the volatile load instead. */
    @Test
    void riscv64VolatileIsCheckedAsAPairWhicheverSideHasTheFence() {
        AsmRecord store = new AsmRecord("riscv64", "native", "gcc -O2", null, null, "volatile", "markReset",
                List.of("fence rw,w", "sw a5,0(a0)"), List.of());
        AsmRecord load = new AsmRecord("riscv64", "native", "gcc -O2", null, null, "volatile", "observeDirty",
                List.of("fence rw,rw", "lw a0,0(a0)", "fence r,rw"), List.of());
        assertEquals(List.of(), lines(store, load));
        AsmRecord trailingLoad = new AsmRecord("riscv64", "native", "gcc -O2", null, null, "volatile", "observeDirty",
                List.of("lw a0,0(a0)", "fence r,rw"), List.of());
        assertEquals(1, lines(store, trailingLoad).size(), "neither side has the store-to-load fence");
    }

    @Test
    void riscv64FenceRrWhereAFullFenceIsNeededFailsTheMode() {
        List<String> weak = lines(r("riscv64", "full-fence", "markReset", "fence r,r", "sw a5,16(a1)"));
        assertTrue(weak.contains("riscv64 C2 JDK 17 default: full-fence markReset (fence r,r; sw a5,16(a1)) is weaker than "
                + "fullFence+set: it does not order earlier loads before the RESET store"), weak.toString());
        assertTrue(weak.contains("riscv64 C2 JDK 17 default: full-fence markReset (fence r,r; sw a5,16(a1)) is weaker than the "
                + "protocol needs (e3): it does not order the slot and offset loads before the RESET store"), weak.toString());
    }

    @Test
    void riscv64FenceTsoKeepsNoStoreToLoadOrder() {
        List<String> weak = lines(r("riscv64", "volatile", "markReset", "fence rw,w", "sw a5,16(a1)", "fence.tso"),
                r("riscv64", "volatile", "observeDirty", "lw a0,16(a1)", "fence r,rw"));
        assertEquals(1, weak.size(), weak.toString());
        assertTrue(weak.get(0).endsWith("setVolatile: it does not order the RESET store before later volatile loads"), weak.get(0));
    }

    @Test
    void riscv64ObserveWithItsFenceBeforeTheLoadFailsTheProtocol() {
        List<String> weak = lines(r("riscv64", "acquire-load", "observeDirty", "fence r,rw", "lw a0,16(a1)"));
        assertTrue(weak.contains("riscv64 C2 JDK 17 default: acquire-load observeDirty (fence r,rw; lw a0,16(a1)) is weaker than "
                + "the protocol needs (e2): it does not order the flags load before the slot and offset loads"), weak.toString());
    }

    @Test
    void riscv64AnAmoIsOneOperationThatAFenceToItsStoreOrders() {
        // gcc 12's release store: the AMO is both a load and a store, and "ow" names its store
        AsmRecord gcc = new AsmRecord("riscv64", "native", "gcc -O2", null, null, "acquire-load", "markReset",
                List.of("fence iorw,ow", "amoswap.w zero,a5,(a0)"), List.of());
        assertEquals(List.of(), EmittedOrder.of(List.of(gcc)).findings().stream().map(EmittedOrder.Finding::line).toList());
    }

    @Test
    void riscv64ZtsoCodeIsReadByZtsoRulesAndRvwmoCodeIsNot() {
        // C2's -XX:+UseZtso mapping: no fences for acquire and release, fence w,r for a full fence
        List<String> ztso = List.of("lw a0,16(a1)", "fence w,r");
        AsmRecord onZtso = new AsmRecord("riscv64", "jvm", "OpenJDK 25", "25", "-XX:+UseZtso", "full-fence", "observeDirty", ztso, ztso);
        assertEquals(List.of(), EmittedOrder.of(List.of(onZtso)).findings().stream().map(EmittedOrder.Finding::line).toList());
        List<String> weak = lines(r("riscv64", "full-fence", "observeDirty", "lw a0,16(a1)", "fence w,r"));
        assertTrue(weak.contains("riscv64 C2 JDK 17 default: full-fence observeDirty (lw a0,16(a1); fence w,r) is weaker than "
                + "the protocol needs (e2): it does not order the flags load before the slot and offset loads"), weak.toString());
    }

    @Test
    void aPointsMissingOrdersAreOneLineAndColumnsWithTheSameCodeShareIt() {
        List<String> code = List.of("fence w,r", "sw a5,16(a1)");
        List<String> lines = EmittedOrder.of(List.of(
                new AsmRecord("riscv64", "jvm", "OpenJDK 21", "21", "default", "full-fence", "markReset", code, code),
                new AsmRecord("riscv64", "jvm", "OpenJDK 25", "25", "default", "full-fence", "markReset", code, code))).lines();
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("riscv64 C2 JDK 21 default, riscv64 C2 JDK 25 default: full-fence markReset (fence w,r; "
                + "sw a5,16(a1)) is weaker than fullFence+set: it does not order earlier "), lines.get(0));
        assertTrue(lines.get(0).contains("; "), lines.get(0));
    }

    @Test
    void anArchitectureWithoutATableIsSaidToBeUnchecked() {
        EmittedOrder check = EmittedOrder.of(List.of(r("ppc64le", "plain", "markReset", "stw r9,16(r3)")));
        assertEquals(List.of("ppc64le: no instruction table: its code is not checked"), check.unchecked());
    }

    /** The shipped asm.json files: the reference run's (x86_64), riscv64-asm's and the results-format 1 fixture's (x86_64 and aarch64). */
    @Test
    void theShippedAsmFiles() throws Exception {
        List<String> report = new ArrayList<>();
        List<Path> files;
        // the curated directories only: a user's own runs under results/ are not the shipped files
        try (Stream<Path> s = Stream.concat(Files.walk(Path.of("../results/reference")), Files.walk(Path.of("../results/riscv64-asm")))) {
            files = new ArrayList<>(s.filter(p -> p.getFileName().toString().equals("asm.json")).sorted().toList());
        }
        files.add(Path.of("src/test/resources/format-v1-run/asm.json"));
        for (Path f : files) {
            EmittedOrder check = EmittedOrder.of(Json.readList(f, AsmRecord.class, "asm results"));
            report.add(f + ": " + check.findings().size() + " findings");
            report.addAll(check.lines());
            // volatile and acquire-load keep every order on every architecture, in every column
            for (String safe : List.of("volatile", "acquire-load")) {
                assertEquals(List.of(), check.of(safe).stream().map(EmittedOrder.Finding::line).toList(), f + " " + safe);
            }
            // plain and opaque keep the protocol's orders on x86_64 (TSO), not on aarch64 and riscv64 (RVWMO)
            assertTrue(check.findings().stream().filter(x -> List.of("plain", "opaque").contains(x.record().strategy()))
                    .noneMatch(x -> x.record().arch().equals("x86_64")), f.toString());
            // riscv64's C2 compiles VarHandle.fullFence() to fence w,r (fence ow,ir with UseConservativeFence): full-fence
            // and batched-fence are weaker there in every C2 column but Ztso's; on x86_64, aarch64 and in gcc's code, nowhere
            List<AsmRecord> records = Json.readList(f, AsmRecord.class, "asm results");
            Set<String> rvwmoC2 = records.stream().filter(x -> x.arch().equals("riscv64") && x.backend().equals("jvm")
                    && !x.setting().contains("+UseZtso")).map(AsmRecord::column).collect(Collectors.toSet());
            // riscv64-asm: JDK 21 and 25, each in its default setting and with UseConservativeFence the other way
            assertEquals(f.toString().contains("riscv64") ? 4 : 0, rvwmoC2.size(), f + " " + rvwmoC2);
            for (String fenced : List.of("full-fence", "batched-fence")) {
                Set<String> weaker = check.of(fenced).stream().map(x -> x.record().column()).collect(Collectors.toSet());
                assertEquals(rvwmoC2, weaker, f + " " + fenced);
            }
            // in each of those columns, full-fence's code is weaker than its modes at its 9 flag and index points
            for (String column : rvwmoC2) {
                assertEquals(9, check.of("full-fence", column).stream().filter(x -> x.level() == EmittedOrder.Level.MODE)
                        .map(x -> x.record().point()).distinct().count(), column);
            }
        }
        System.out.println(String.join("\n", report));
    }
}
