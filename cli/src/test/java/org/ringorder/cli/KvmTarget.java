package org.ringorder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.ringorder.evidence.AtomicFiles;
import org.ringorder.kvm.Kvm;
import org.ringorder.parts.EmulatedMachine;
import org.ringorder.parts.EnvProbe;
import org.ringorder.parts.Home;

/**
 * Where the kvm tests' commands run: this machine's {@code /dev/kvm}; where it is missing, the
 * emulated machine of this architecture, if {@code emulate/setup} has set it up (as {@code .ci/run}
 * does, as root: the tests never install or fetch anything), with the very classes under test;
 * else nowhere, and each test says why it is skipped.
 */
final class KvmTarget {
    private static final Optional<String> HERE = Kvm.unavailable();
    private static final String ARCH = EnvProbe.arch();
    /** Empty where the emulated machine is set up; else why it cannot be used. */
    private static final Optional<String> EMULATED = HERE.isEmpty() ? Optional.of("not needed") : emulatedMachine();

    private KvmTarget() {
    }

    private static Optional<String> emulatedMachine() {
        if (!EmulatedMachine.architectures().contains(ARCH)) {
            return Optional.of("there is no emulated " + ARCH + " machine");
        }
        return EmulatedMachine.of(ARCH).notSetUp();
    }

    /** The commands run in the emulated machine ({@code /dev/kvm} is missing here, and it is set up). */
    static boolean emulated() {
        return HERE.isPresent() && EMULATED.isEmpty();
    }

    /** Skips the test where the commands can run neither here nor in the emulated machine, saying why. */
    static void assumeAny() {
        assumeTrue(HERE.isEmpty() || EMULATED.isEmpty(), () -> "skipped: " + HERE.orElseThrow() + "; and under emulation: " + EMULATED.get());
    }

    /** Skips the test unless {@code /dev/kvm} works here, saying why (and why not under emulation). */
    static void assumeHere(String notEmulatedBecause) {
        assumeTrue(HERE.isEmpty(), () -> "skipped: " + HERE.orElseThrow() + "; not run under emulation: " + notEmulatedBecause);
    }

    /**
     * {@code ringorder kvm ARGS}, its records in {@code out}: here, or in the emulated machine (2
     * CPUs: the collector runs beside the vCPU), whose results directory is moved into {@code out}.
     */
    static CliTestSupport.Run kvm(Path out, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(emulated() ? List.of("emulate", "--arch", ARCH, "--smp", "2", "--timeout", "420", "kvm")
                : List.of("kvm", "--out", out.toString()));
        cmd.addAll(List.of(args));
        CliTestSupport.Run r = CliTestSupport.run(cmd.toArray(String[]::new));
        if (emulated()) {
            // the results directory it made (the last line), copied into out and removed, whatever the status
            Path made = r.out().strip().lines().reduce((a, b) -> b).map(Path::of).filter(p -> p.startsWith(Home.results())
                    && !p.equals(Home.results()) && Files.isDirectory(p)).orElse(null);
            if (made != null) {
                try (Stream<Path> files = Files.walk(made)) {
                    for (Path f : files.filter(f -> !f.equals(made)).toList()) {
                        Files.copy(f, out.resolve(made.relativize(f).toString()), StandardCopyOption.REPLACE_EXISTING);
                    }
                } finally {
                    AtomicFiles.deleteQuietly(made);
                }
            }
            assertEquals(0, r.status(), r.err());
        }
        return r;
    }
}
