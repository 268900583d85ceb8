package org.ringorder.parts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ringorder.asm.Disassembly;
import org.ringorder.asm.InstructionEvidence;
import org.ringorder.evidence.AsmRecord;
import org.ringorder.evidence.AsmTable;
import org.ringorder.evidence.EmittedOrder;
import org.ringorder.evidence.Run;
import org.ringorder.evidence.UserError;
import org.ringorder.launch.Jvm;

/** The asm part: the instructions each strategy's ordering points compile to, by C2 and by gcc. */
public final class AsmSpec extends RecordSpec<AsmSpec.Settings, AsmRecord> {
    /**
     * @param arches the architectures to read (none: this machine's, and {@code others} where their emulation is set up)
     * @param jdks   the JDK feature releases whose C2 to read (none: the running one, and the other architecture's default)
     * @param others the other architectures read by default
     */
    public record Settings(List<Disassembly.Arch> arches, List<Integer> jdks, List<Disassembly.Arch> others) {
        /** Every other architecture by default: aarch64 and riscv64. */
        public Settings(List<Disassembly.Arch> arches, List<Integer> jdks) {
            this(arches, jdks, List.of(Disassembly.Arch.aarch64, Disassembly.Arch.riscv64));
        }

        public Settings {
            for (int v : jdks) {
                if (v < 17 || v > 99) {
                    throw new UserError("--jdk " + v + " is not a JDK ringorder runs on: expected feature releases from 17, e.g. 17,21,25");
                }
            }
        }
    }

    public String name() {
        return "asm";
    }

    public String summary() {
        return "each strategy's ordering points as C2 and gcc compile them";
    }

    public Settings settings(Plan plan) {
        // smoke (tests, CI) reads the host and aarch64 only: riscv64's C2 under QEMU adds half a minute a run
        return plan.profile == Profile.smoke ? new Settings(List.of(), List.of(), List.of(Disassembly.Arch.aarch64))
                : new Settings(List.of(), List.of());
    }

    public String detail(Settings s, List<String> strategies) {
        return "each strategy's ordering points as C2 and gcc compile them";
    }

    public double estimate(Settings s, List<String> strategies) {
        return 15;
    }

    public List<AsmRecord> run(Settings s, List<String> strategies, RunContext ctx) {
        List<Disassembly.Arch> arches = s.arches();
        if (arches.isEmpty()) {
            String noObjdump = Disassembly.Arch.named(EnvProbe.arch()).objdumpUnready();
            if (noObjdump != null) { // e.g. the emulated arm64 machine, which carries no binutils
                ctx.progress.say("ringorder: asm skipped: " + noObjdump);
                return List.of();
            }
        }
        InstructionEvidence asm = evidence(ctx.jvm);
        List<AsmRecord> rows = asm.run(arches.isEmpty() ? defaultArches(asm, s.others(), ctx) : arches, s.jdks(), strategies, EnvProbe.arch(),
                ctx.progress::say);
        Run.write(ctx.work, Run.ASM, rows);
        return rows;
    }

    public static InstructionEvidence evidence(Jvm jvm) {
        return new InstructionEvidence(jvm, Home.crossJava(), Home.nativeSource());
    }

    /** This machine's architecture, and the others where their user-mode emulation is set up (else says why not). */
    private static List<Disassembly.Arch> defaultArches(InstructionEvidence asm, List<Disassembly.Arch> others, RunContext ctx) {
        List<Disassembly.Arch> a = new ArrayList<>();
        a.add(Disassembly.Arch.named(EnvProbe.arch()));
        for (Disassembly.Arch other : others) {
            if (a.get(0) != other) {
                String why = asm.crossUnready(other);
                if (why == null) {
                    a.add(other);
                } else {
                    ctx.progress.say("ringorder: asm for " + other + " skipped: " + why);
                }
            }
        }
        return a;
    }

    /**
     * Strategy by strategy, one line per ordering point, one column per (arch, backend); then the
     * emitted-ordering check: one line per point whose code is weaker than its modes or the protocol.
     */
    public List<String> lines(Settings s, List<AsmRecord> rows) {
        List<String> lines = new ArrayList<>();
        AsmTable table = AsmTable.of(rows);
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-34s", "strategy / ordering point"));
        table.columns().forEach(c -> head.append(String.format(Locale.ROOT, " | %-44s", c)));
        lines.add(head.toString());
        table.rows().forEach((row, byCol) -> {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-34s", row.strategy() + " " + row.point()));
            table.columns().forEach(c -> line.append(String.format(Locale.ROOT, " | %-44s", byCol.getOrDefault(c, ""))));
            lines.add(line.toString());
        });
        lines.add("emitted ordering (each point's code against what its access modes promise and what the protocol needs there):");
        EmittedOrder.of(rows).lines().forEach(l -> lines.add("  " + l));
        return lines;
    }
}
