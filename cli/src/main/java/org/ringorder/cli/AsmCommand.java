package org.ringorder.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.ringorder.asm.Disassembly;
import org.ringorder.evidence.AsmRecord;
import org.ringorder.evidence.Run;
import org.ringorder.parts.AsmSpec;
import org.ringorder.parts.RunContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ringorder asm}: the asm part ({@link AsmSpec}) for the architectures and JDKs asked for. */
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
        AsmSpec.Settings settings = new AsmSpec.Settings(arches == null ? List.of() : arches.stream().map(Disassembly.Arch::named)
                .toList(), jdks == null ? List.of() : jdks);
        AsmSpec part = new AsmSpec();
        PrintWriter err = spec.commandLine().getErr();
        try (ResultsDirectory dir = which.directory("asm")) {
            dir.fresh(Run.ASM.file());
            List<AsmRecord> rows = part.run(settings, names, RunContext.forCommand(which.where.jvm(), which.where.pin(), dir.path, err));
            PrintWriter o = spec.commandLine().getOut();
            part.lines(settings, rows).forEach(o::println);
            o.println("results: " + dir.path.resolve(Run.ASM.file()));
            o.flush();
        }
        return 0;
    }
}
