package org.ringorder.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ringorder.evidence.AtomicFiles;
import org.ringorder.evidence.Emulation;
import org.ringorder.evidence.UserError;
import org.ringorder.launch.ChildProcess;
import org.ringorder.parts.EnvProbe;
import org.ringorder.parts.Home;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ringorder emulate}: one ringorder command inside an emulated arm64 machine (QEMU's
 * {@code virt} with EL2, so {@code /dev/kvm} works inside), the engine of {@code arm64/emulate},
 * which prepares the kernel and the initramfs. The checkout is shared read-only, its results/
 * read-write, and a control folder carries the command in and its exit status out (9p). QEMU runs
 * as every child does: under a time limit, its whole tree killed when it passes.
 */
@Command(name = "emulate", mixinStandardHelpOptions = true,
        description = {"Runs one ringorder command in an emulated arm64 machine (QEMU, TCG) and passes its exit status through; "
                + "its results directory lands under results/ and its path is the last line. Use arm64/emulate, which "
                + "sets up the kernel and the initramfs.",
                "Timings taken there are marked emulated and never used; correctness evidence counts."})
final class EmulateCommand implements Callable<Integer> {
    /** The word on the guest's kernel command line that tells every record it was made under emulation. */
    static final String EMULATOR = "qemu-system-aarch64 (TCG)";

    @Spec
    CommandSpec spec;

    @Option(names = "--kernel", paramLabel = "FILE", required = true, description = "The arm64 kernel image (vmlinuz).")
    Path kernel;

    @Option(names = "--initrd", paramLabel = "FILE", required = true, description = "The initramfs (arm64/setup packs it).")
    Path initrd;

    @Option(names = "--smp", paramLabel = "N", description = "Emulated CPUs, 1..8 (default 2; the three-actor litmus tests need 3).")
    int smp = 2;

    @Option(names = "--memory", paramLabel = "MIB", description = "The machine's memory in MiB (default 4096).")
    int memoryMiB = 4096;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "The machine is killed after this long (default 3600).")
    long timeoutSeconds = 3600;

    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "The ringorder command and its arguments (after --).")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        for (Path f : List.of(kernel, initrd)) {
            if (!Files.isRegularFile(f)) {
                throw new UserError(f + " does not exist: run arm64/setup (arm64/emulate does) to fetch and pack it");
            }
        }
        if (smp < 1 || smp > 8) {
            throw new UserError("--smp " + smp + " is out of range: expected 1..8");
        }
        if (memoryMiB < 1024 || memoryMiB > 16384) {
            throw new UserError("--memory " + memoryMiB + " is out of range: expected 1024..16384 MiB");
        }
        if (timeoutSeconds < 10) {
            throw new UserError("--timeout " + timeoutSeconds + " is too short: expected 10 seconds or more");
        }
        if (command.get(0).equals("emulate") || command.stream().anyMatch(a -> a.contains("\n"))) {
            throw new UserError("cannot emulate '" + String.join(" ", command) + "': give one ringorder command, arguments without newlines");
        }
        Path results = Home.results();
        AtomicFiles.writableDirectory(results, "results/");
        Set<Path> before = runDirectories(results);
        Set<Path> hiddenBefore = hiddenWork(results);
        Path control = Files.createTempDirectory("ringorder-emulate-");
        PrintWriter err = spec.commandLine().getErr();
        try {
            Files.write(control.resolve("args"), command);
            Files.writeString(control.resolve("commit"), EnvProbe.git() + "\n");
            ChildProcess.of("the emulated arm64 machine", qemu(control))
                    .limit(Duration.ofSeconds(timeoutSeconds))
                    .lines(line -> {
                        if (!line.startsWith("[")) { // the guest kernel's own messages
                            err.println(line);
                            err.flush();
                        }
                    })
                    .run();
            Path status = control.resolve("status");
            if (!Files.isRegularFile(status)) {
                // the guest's unfinished work directories: nothing half-written stays behind
                hiddenWork(results).stream().filter(d -> !hiddenBefore.contains(d)).forEach(AtomicFiles::deleteQuietly);
                throw new UserError("the emulated machine stopped before the command ended (its console is above)");
            }
            int code = Integer.parseInt(Files.readString(status).trim());
            List<Path> made = runDirectories(results).stream().filter(d -> !before.contains(d)).sorted().toList();
            PrintWriter out = spec.commandLine().getOut();
            if (!made.isEmpty()) {
                out.println(made.get(made.size() - 1));
            }
            out.flush();
            return code;
        } finally {
            AtomicFiles.deleteQuietly(control);
        }
    }

    private List<String> qemu(Path control) {
        Path home = Home.dir();
        String marker = Emulation.MARKER + EMULATOR.replace(' ', '+');
        return List.of("qemu-system-aarch64", "-M", "virt,virtualization=on,gic-version=3", "-accel", "tcg", "-cpu", "max",
                "-smp", String.valueOf(smp), "-m", String.valueOf(memoryMiB), "-nographic", "-no-reboot",
                "-kernel", kernel.toString(), "-initrd", initrd.toString(),
                "-append", "console=ttyAMA0 rdinit=/init kvm-arm.mode=nvhe quiet " + marker,
                "-virtfs", "local,path=" + home + ",mount_tag=ringorder,security_model=none,readonly=on",
                "-virtfs", "local,path=" + home.resolve("results") + ",mount_tag=results,security_model=none",
                "-virtfs", "local,path=" + control + ",mount_tag=control,security_model=none");
    }

    /** The hidden {@code .NAME.part} directories a command works in until it renames them. */
    private static Set<Path> hiddenWork(Path results) throws IOException {
        try (Stream<Path> s = Files.list(results)) {
            return s.filter(Files::isDirectory).filter(d -> d.getFileName().toString().startsWith(".")
                    && d.getFileName().toString().endsWith(".part")).collect(Collectors.toSet());
        }
    }

    private static Set<Path> runDirectories(Path results) throws IOException {
        try (Stream<Path> s = Files.list(results)) {
            return s.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().startsWith(".")).collect(Collectors.toSet());
        }
    }
}
