package org.ringorder.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ringorder.evidence.AtomicFiles;
import org.ringorder.evidence.UserError;
import org.ringorder.launch.ChildProcess;
import org.ringorder.parts.EmulatedMachine;
import org.ringorder.parts.EnvProbe;
import org.ringorder.parts.Home;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ringorder emulate}: one ringorder command inside an emulated machine of the asked
 * architecture (QEMU under TCG, its CPU with hardware virtualisation, so {@code /dev/kvm} works
 * inside), as {@code emulate/ARCH.conf} describes it; {@code emulate/setup} fetches and packs what
 * it needs, once. The checkout is shared read-only (for the host's own architecture, with the
 * host's whole root: the same JVM and classpath run inside), its results/ read-write, and a control
 * folder carries the command in and its exit status out (9p). QEMU runs as every child does: under
 * a time limit, its whole tree killed when it passes. The guest's console is shown from its init on; what
 * came before (firmware, kernel) only when the machine stops early.
 */
@Command(name = "emulate", mixinStandardHelpOptions = true,
        description = {"Runs one ringorder command in an emulated machine (QEMU, TCG, with /dev/kvm inside) and passes its exit "
                + "status through; its results directory lands under results/ and its path is the last line. The first run sets "
                + "the machine up (emulate/setup ARCH: as root, once; cached after).",
                "Timings taken there are marked emulated and never used; correctness evidence counts."})
final class EmulateCommand implements Callable<Integer> {
    /** A line of the guest kernel's own, e.g. {@code [   90.924396] reboot: Power down}. */
    private static final Pattern KERNEL_MESSAGE = Pattern.compile("\\[\\s*\\d+\\.\\d+\\]");

    /** The status emulate/init leaves when the machine could not be made ready (a module, a share). */
    private static final int INIT_FAILED = 125;

    @Spec
    CommandSpec spec;

    @Option(names = "--arch", paramLabel = "ARCH", description = "The emulated machine's architecture: one of emulate/*.conf "
            + "(x86_64, aarch64, riscv64; default: this machine's).")
    String arch = EnvProbe.arch();

    @Option(names = "--page-size", paramLabel = "SIZE", description = "The guest kernel's page size, where the architecture offers "
            + "more than one (aarch64: 4k or 16k; default 4k).")
    String pageSize = "4k";

    @Option(names = "--jdk", paramLabel = "N", description = "The JDK feature release inside another architecture's machine, one "
            + "of its conf's JDKS (aarch64: 17, 21, 25; riscv64: 21, 25; default: the first). The host's own architecture runs "
            + "this JVM.")
    Integer jdk;

    @Option(names = "--smp", paramLabel = "N", description = "Emulated CPUs, 1..8 (default 2; the three-actor litmus tests need 3).")
    int smp = 2;

    @Option(names = "--memory", paramLabel = "MIB", description = "The machine's memory in MiB (default 4096).")
    int memoryMiB = 4096;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "The machine is killed after this long (default 3600).")
    long timeoutSeconds = 3600;

    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "The ringorder command and its arguments.")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        EmulatedMachine machine = EmulatedMachine.of(arch);
        if (!machine.pageSizes().contains(pageSize)) {
            throw new UserError("--page-size " + pageSize + " is not offered for " + arch + ": expected one of "
                    + String.join(", ", machine.pageSizes()));
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
        if (jdk != null && machine.hostJdk()) {
            throw new UserError("--jdk is for another architecture's machine: the " + arch + " machine runs this JVM (choose it with --jvm "
                    + "or JAVA_HOME)");
        }
        if (jdk != null && !machine.jdks().contains(jdk)) {
            throw new UserError("--jdk " + jdk + " is not offered for " + arch + ": expected one of "
                    + String.join(", ", machine.jdks().stream().map(String::valueOf).toList()));
        }
        int machineJdk = jdk != null ? jdk : machine.jdks().isEmpty() ? 0 : machine.jdks().get(0);
        if (machine.hostJdk() && !arch.equals(EnvProbe.arch())) {
            throw new UserError("the emulated " + arch + " machine runs on this machine's own root and JDK, which are "
                    + EnvProbe.arch() + ": run it on an " + arch + " host");
        }
        Path results = Home.results();
        AtomicFiles.writableDirectory(results, "results/");
        PrintWriter err = spec.commandLine().getErr();
        EmulatedMachine.Boot boot = machine.setup(pageSize, machineJdk, line -> {
            err.println(line);
            err.flush();
        });
        Path jar = Home.dir().resolve("cli/target/ringorder.jar");
        if (!machine.hostJdk() && !hasNativeLibraries(jar, machine.nativePlace())) {
            throw new UserError(jar + " has no " + machine.nativePlace() + " native libraries: install gcc-" + arch + "-linux-gnu "
                    + "(as root), then run ./ringorder emulate again (it rebuilds when the cross-compiler is there)");
        }
        List<String> java = machine.java(EnvProbe.git(), machineJdk);
        Set<Path> before = runDirectories(results);
        Set<Path> hiddenBefore = hiddenWork(results);
        Path control = Files.createTempDirectory("ringorder-emulate-");
        try {
            Files.write(control.resolve("java"), java);
            Files.writeString(control.resolve("home"), Home.dir() + "\n");
            Files.write(control.resolve("args"), command);
            List<String> booting = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean up = new AtomicBoolean();
            AtomicInteger shown = new AtomicInteger(); // the command's lines shown from the console, live
            ChildProcess machineProcess = ChildProcess.of("the emulated " + arch + " machine", machine.qemu(boot, smp, memoryMiB, control))
                    .limit(Duration.ofSeconds(timeoutSeconds))
                    .lines(console -> {
                        String line = console;
                        int init = line.indexOf("init: ");
                        boolean first = false;
                        if (!up.get() && init >= 0) {
                            up.set(true);
                            first = true;
                            line = line.substring(init); // after the firmware's terminal escapes
                        }
                        if (!up.get()) {
                            booting.add(line);
                        } else if (!KERNEL_MESSAGE.matcher(line).lookingAt()) { // the guest kernel's own messages
                            err.println(line);
                            err.flush();
                            if (!first) {
                                shown.incrementAndGet();
                            }
                        }
                    });
            try {
                machineProcess.run();
            } catch (ChildProcess.Failure f) { // past --timeout, or interrupted: killed
                booting.forEach(err::println);
                discardUnfinished(results, hiddenBefore);
                throw f;
            }
            Path status = control.resolve("status");
            if (!Files.isRegularFile(status)) {
                booting.forEach(err::println);
                discardUnfinished(results, hiddenBefore);
                throw new UserError("the emulated machine stopped before the command ended (its console is above)");
            }
            // the console can lose its last lines when the guest powers off (its UART not drained): the rest from the copy
            Path output = control.resolve("output");
            if (Files.isRegularFile(output)) {
                List<String> all = Files.readAllLines(output, StandardCharsets.UTF_8);
                all.subList(Math.min(shown.get(), all.size()), all.size()).forEach(err::println);
                err.flush();
            }
            int code = Integer.parseInt(Files.readString(status).trim());
            if (code == INIT_FAILED) {
                booting.forEach(err::println);
                throw new UserError("the emulated machine's init failed (its console is above)");
            }
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

    /** The guest's unfinished work directories: nothing half-written stays behind. */
    private static void discardUnfinished(Path results, Set<Path> hiddenBefore) throws IOException {
        hiddenWork(results).stream().filter(d -> !hiddenBefore.contains(d)).forEach(AtomicFiles::deleteQuietly);
    }

    private static boolean hasNativeLibraries(Path jar, String place) throws IOException {
        if (!Files.isRegularFile(jar)) {
            return false;
        }
        try (JarFile j = new JarFile(jar.toFile())) {
            return j.getEntry("org/ringorder/jni/" + place + "/libringorder-kvm.so") != null;
        }
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
