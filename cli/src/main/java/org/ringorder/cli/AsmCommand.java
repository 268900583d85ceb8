package org.ringorder.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ringorder.asm.Disassembly;
import org.ringorder.asm.InstructionEvidence;
import org.ringorder.evidence.AsmRecord;
import org.ringorder.evidence.AsmTable;
import org.ringorder.evidence.Run;
import org.ringorder.evidence.UserError;
import org.ringorder.launch.Jvm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ringorder asm}: the instructions each strategy's ordering points compile to, by C2 (the
 * JVM backend) and by gcc (the native backend), on x86_64 and, under QEMU, aarch64.
 */
@Command(name = "asm", mixinStandardHelpOptions = true,
        description = {"Compiles each strategy's ordering points with C2 (-XX:+PrintAssembly, decoded by objdump) and with "
                + "gcc (the native backend), and prints per ordering point the instructions that order memory.",
                "Writes asm.json into --out (default: a new results/asm-<time>/). aarch64 runs C2 under qemu-aarch64-static: "
                        + "set it up once with asm/setup-aarch64."})
final class AsmCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--arch", split = ",", paramLabel = "NAME", description = "x86_64, aarch64 (default: this machine's, "
            + "and aarch64 too where asm/setup-aarch64 has run).")
    List<String> arches;

    @Option(names = "--jdk", split = ",", paramLabel = "N", description = "JDK feature releases whose C2 to read, e.g. "
            + "17,21,25 (default: the JDK running ringorder, and arm64's 17): on aarch64 the JDKs of asm/setup-aarch64 --jdk; "
            + "on x86_64 those under /usr/lib/jvm. A JDK with -XX:AlwaysMergeDMB is read in its default setting and in the "
            + "Neoverse one (-XX:-AlwaysMergeDMB).")
    List<Integer> jdks;

    @Mixin
    StrategyOptions which = new StrategyOptions();

    @Override
    public Integer call() {
        List<String> names = which.names();
        List<Disassembly.Arch> archs = arches == null || arches.isEmpty() ? null : arches.stream().map(Disassembly.Arch::named).toList();
        Jvm jvm = which.where.jvm();
        Path dir = which.directory("asm");
        if (Files.exists(dir.resolve(Run.ASM.file()))) {
            throw new UserError(dir.resolve(Run.ASM.file()) + " already exists: choose another --out (earlier results are never overwritten)");
        }
        InstructionEvidence asm = evidence(jvm);
        PrintWriter err = spec.commandLine().getErr();
        List<Integer> releases = jdks == null ? List.of() : jdks;
        for (int v : releases) {
            if (v < 17 || v > 99) {
                throw new UserError("--jdk " + v + " is not a JDK ringorder runs on: expected feature releases from 17, e.g. 17,21,25");
            }
        }
        List<AsmRecord> rows = asm.run(archs != null ? archs : defaultArches(asm, err), releases, names, EnvProbe.arch(), line -> {
            err.println(line);
            err.flush();
        });
        Run.write(dir, Run.ASM, rows);
        PrintWriter o = spec.commandLine().getOut();
        table(rows, o);
        o.println("results: " + dir.resolve(Run.ASM.file()));
        o.flush();
        return 0;
    }

    static InstructionEvidence evidence(Jvm jvm) {
        return new InstructionEvidence(jvm, Home.aarch64Java(), Home.nativeSource());
    }

    /** This machine's architecture, and aarch64 where its emulation is set up (else says so on {@code err}). */
    static List<Disassembly.Arch> defaultArches(InstructionEvidence asm, PrintWriter err) {
        List<Disassembly.Arch> a = new ArrayList<>();
        a.add(Disassembly.Arch.named(EnvProbe.arch()));
        if (a.get(0) != Disassembly.Arch.aarch64) {
            String why = asm.aarch64Unready();
            if (why == null) {
                a.add(Disassembly.Arch.aarch64);
            } else if (err != null) {
                err.println("ringorder: asm for aarch64 skipped: " + why);
                err.flush();
            }
        }
        return a;
    }

    /** Strategy by strategy, one line per ordering point, one column per (arch, backend). */
    static void table(List<AsmRecord> rows, PrintWriter o) {
        AsmTable table = AsmTable.of(rows);
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-34s", "strategy / ordering point"));
        table.columns().forEach(c -> head.append(String.format(Locale.ROOT, " | %-44s", c)));
        o.println(head);
        table.rows().forEach((row, byCol) -> {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-34s", row.strategy() + " " + row.point()));
            table.columns().forEach(c -> line.append(String.format(Locale.ROOT, " | %-44s", byCol.getOrDefault(c, ""))));
            o.println(line);
        });
    }
}
