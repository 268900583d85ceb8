package org.ringorder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.ringorder.evidence.Emulation;
import org.ringorder.parts.EmulatedMachine;
import org.ringorder.parts.Home;

/**
 * {@code ringorder emulate} without starting a machine: each architecture's conf makes a QEMU
 * command line whose kernel arguments carry its marker (what every record made inside reads), with
 * its accelerator and its way of getting a JDK inside; bad input is one line, before any setup,
 * and leaves nothing under results/.
 */
class EmulateTest {
    @Test
    void eachArchitecturesMachineCarriesItsMarkerAndItsJdk() {
        assertTrue(EmulatedMachine.architectures().containsAll(List.of("aarch64", "riscv64", "x86_64")), EmulatedMachine.architectures().toString());
        for (String arch : EmulatedMachine.architectures()) {
            EmulatedMachine m = EmulatedMachine.of(arch);
            List<String> qemu = m.qemu(new EmulatedMachine.Boot(Path.of("/k"), Path.of("/i")), 2, 4096, Path.of("/control"));
            String append = qemu.get(qemu.indexOf("-append") + 1);
            assertEquals(m.emulator(), Emulation.of(append), append);
            assertTrue(m.emulator().startsWith(qemu.get(0) + " "), m.emulator());
            assertTrue(qemu.contains("-accel") && qemu.get(qemu.indexOf("-accel") + 1).startsWith("tcg"), qemu.toString());
            assertTrue(qemu.stream().anyMatch(a -> a.contains("path=/control,mount_tag=control,")), qemu.toString());
            int jdk = m.jdks().isEmpty() ? 0 : m.jdks().get(m.jdks().size() - 1);
            List<String> java = m.java("abc", jdk);
            assertTrue(java.contains("-Dringorder.gitCommit=abc"), java.toString());
            if (m.hostJdk()) {
                assertTrue(qemu.stream().anyMatch(a -> a.startsWith("local,path=/,mount_tag=host,") && a.endsWith("readonly=on")), qemu.toString());
                assertEquals(Path.of(System.getProperty("java.home"), "bin", "java").toString(), java.get(0));
                assertEquals(System.getProperty("java.class.path"), java.get(java.indexOf("-cp") + 1));
                assertEquals("org.ringorder.cli.Main", java.get(java.size() - 1));
            } else {
                assertTrue(qemu.stream().anyMatch(a -> a.contains("mount_tag=ringorder,") && a.endsWith("readonly=on")), qemu.toString());
                assertEquals(List.of("-jar", "/ringorder/cli/target/ringorder.jar"), java.subList(java.size() - 2, java.size()));
                assertTrue(java.get(0).contains("java-" + jdk + "-openjdk-") && java.get(0).endsWith("/bin/java"), java.get(0));
                assertEquals(jdk >= 23, java.contains("--sun-misc-unsafe-memory-access=allow"), java.toString());
            }
        }
        assertEquals("qemu-system-x86_64 (TCG)", EmulatedMachine.of("x86_64").emulator());
        assertEquals(List.of("4k", "16k"), EmulatedMachine.of("aarch64").pageSizes());
        assertEquals(List.of(21, 25), EmulatedMachine.of("riscv64").jdks());
        assertEquals(List.of(), EmulatedMachine.of("x86_64").jdks());
    }

    @Test
    void badInputIsOneLineAndLeavesNothing() throws Exception {
        Set<Path> before = listed(Home.results());
        for (String[] args : List.of(new String[] {"--arch", "sparc", "kvm"}, new String[] {"--arch", "x86_64", "--page-size", "16k", "kvm"},
                new String[] {"--smp", "9", "kvm"}, new String[] {"--timeout", "5", "kvm"}, new String[] {"emulate", "kvm"},
                new String[] {"--arch", "riscv64", "--jdk", "17", "kvm"}, new String[] {"--arch", "x86_64", "--jdk", "21", "kvm"})) {
            String[] full = new String[args.length + 1];
            full[0] = "emulate";
            System.arraycopy(args, 0, full, 1, args.length);
            CliTestSupport.Run r = CliTestSupport.run(full);
            assertEquals(2, r.status(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("ringorder: "), r.err());
        }
        assertTrue(CliTestSupport.run("emulate", "--arch", "sparc", "kvm").err().contains("expected one of aarch64, riscv64, x86_64"));
        assertEquals(before, listed(Home.results()));
    }

    private static Set<Path> listed(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.collect(Collectors.toSet());
        }
    }
}
