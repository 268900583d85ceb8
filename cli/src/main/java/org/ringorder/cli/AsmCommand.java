package org.ringorder.cli;

import java.nio.file.Path;
import java.util.List;
import org.ringorder.asm.Disassembly;
import org.ringorder.evidence.Run;
import org.ringorder.evidence.UserError;
import org.ringorder.parts.AsmSpec;
import org.ringorder.parts.EnvProbe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ringorder asm}: the asm part ({@link AsmSpec}) for the architectures and JDKs asked for. */
@Command(name = "asm", mixinStandardHelpOptions = true,
        description = {"Compiles each strategy's ordering points with C2 (-XX:+PrintAssembly, decoded by objdump) and with "
                + "gcc (the native backend), and prints per ordering point the instructions that order memory.",
                "Writes asm.json into --out (default: a new results/asm-<time>/). aarch64 and riscv64 run C2 under QEMU user "
                        + "mode: set each up once with asm/setup-jdk ARCH [--jdk LIST]."})
final class AsmCommand extends PartCommand {
    @Option(names = "--arch", split = ",", paramLabel = "NAME", description = "x86_64, aarch64, riscv64 (default: this "
            + "machine's, and aarch64 and riscv64 too where asm/setup-jdk ARCH has run).")
    List<String> arches;

    @Option(names = "--jdk", split = ",", paramLabel = "N", description = "JDK feature releases whose C2 to read, e.g. "
            + "17,21,25 (default: the JDK running ringorder; arm64's 17; riscv64's 21): on aarch64 and riscv64 the JDKs of "
            + "asm/setup-jdk ARCH --jdk; "
            + "on x86_64 those under /usr/lib/jvm. A JDK with -XX:AlwaysMergeDMB is read in its default setting and in the "
            + "Neoverse one (-XX:-AlwaysMergeDMB); a riscv64 JDK also with UseConservativeFence turned the other way and with "
            + "-XX:+UseZtso (code for Ztso hardware only).")
    List<Integer> jdks;

    @Override
    public Integer call() {
        List<String> names = which.names();
        AsmSpec.Settings settings = new AsmSpec.Settings(arches == null ? List.of() : arches.stream().map(Disassembly.Arch::named)
                .toList(), jdks == null ? List.of() : jdks);
        String noObjdump = Disassembly.Arch.named(EnvProbe.arch()).objdumpUnready();
        if (settings.arches().isEmpty() && noObjdump != null) {
            throw new UserError("asm: " + noObjdump);
        }
        AsmSpec part = new AsmSpec();
        try (ResultsDirectory dir = which.directory("asm")) {
            Path file = dir.fresh(Run.ASM.file());
            print(part.lines(settings, part.run(settings, names, context(dir.path))), file);
        }
        return 0;
    }
}
