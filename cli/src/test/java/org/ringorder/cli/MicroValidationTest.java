package org.ringorder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ringorder.jni.Cpus;
import org.ringorder.parts.Parts;

/**
 * Bad input to {@code ringorder micro}: one line naming the bad value and what is accepted, exit
 * status 2, before any benchmark starts. The home is an empty directory, so had validation let
 * the input through, the command would fail later on the missing benchmarks.jar instead.
 */
class MicroValidationTest {
    @TempDir
    Path home;

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of(new String[] {"--strategy", "plain,acquire"},
                        "ringorder: unknown strategy 'acquire': expected one of plain, opaque, volatile, acquire-load, full-fence, batched-fence"),
                Arguments.of(new String[] {"--roles", "kernel"},
                        "ringorder: unknown roles 'kernel': expected one of all, userspace"),
                Arguments.of(new String[] {"--ring-size", "1000"},
                        "ringorder: ring size 1000 is not a power of two in 256..65536 (e.g. 1024, 4096, 16384, 65536)"),
                Arguments.of(new String[] {"--ring-size", "131072"},
                        "ringorder: ring size 131072 is not a power of two in 256..65536 (e.g. 1024, 4096, 16384, 65536)"),
                Arguments.of(new String[] {"--ring-size", "big"}, "ringorder: --ring-size big is not a number"),
                Arguments.of(new String[] {"--vcpus", "0"}, "ringorder: --vcpus 0 is out of range: expected 1..1024"),
                Arguments.of(new String[] {"--bench", "scan"},
                        "ringorder: unknown bench 'scan': expected one of " + String.join(", ", Parts.benchmarkNames())),
                Arguments.of(new String[] {"--backend", "gpu"}, "ringorder: unknown backend 'gpu': expected one of jvm, native"),
                Arguments.of(new String[] {"--pattern", "zigzag"},
                        "ringorder: unknown pattern 'zigzag': expected one of sequential, backward, random"),
                Arguments.of(new String[] {"--layout", "ints"},
                        "ringorder: unknown layout 'ints': expected one of heap, bytes, direct"),
                Arguments.of(new String[] {"--profile", "fast"},
                        "ringorder: unknown profile 'fast': expected smoke, quick or full"),
                Arguments.of(new String[] {"--forks", "0"}, "ringorder: --forks 0 must be at least 1"),
                // as many vCPU threads as CPUs: the collector would wait for a CPU
                Arguments.of(new String[] {"--bench", "concurrent", "--vcpus", String.valueOf(Cpus.allowed().length)},
                        "ringorder: " + Cpus.refusal(Cpus.allowed().length, Cpus.allowed().length)),
                Arguments.of(new String[] {"--jvm", "/nonexistent/jdk"},
                        "ringorder: --jvm /nonexistent/jdk is not a JDK: there is no executable bin/java under it "
                                + "(give a JDK home such as /usr/lib/jvm/temurin-25-jdk-amd64)"),
                Arguments.of(new String[] {"--frobnicate"},
                        "ringorder: Unknown option: '--frobnicate' (see: ringorder micro --help)"));
    }

    @ParameterizedTest
    @MethodSource("badInputs")
    void badInputIsOneLineAndExitStatus2(String[] args) {
        String[] full = Stream.concat(Stream.of("micro"), Stream.of(args)).toArray(String[]::new);
        CliTestSupport.Run r = CliTestSupport.runIn(home, full);
        assertEquals(2, r.status(), r.err());
        assertEquals(1, r.err().lines().count(), "one line: " + r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertEquals("", r.out());
    }

    @ParameterizedTest
    @MethodSource("badInputs")
    void theLineNamesTheBadValueAndTheAcceptedOnes(String[] args, String expected) {
        String[] full = Stream.concat(Stream.of("micro"), Stream.of(args)).toArray(String[]::new);
        assertEquals(expected, CliTestSupport.runIn(home, full).err().strip());
    }

    @ParameterizedTest
    @MethodSource("badInputs")
    void nothingIsWritten(String[] args) throws Exception {
        String[] full = Stream.concat(Stream.of("micro"), Stream.of(args)).toArray(String[]::new);
        CliTestSupport.runIn(home, full);
        try (Stream<Path> files = Files.walk(home)) {
            assertEquals(1, files.count(), "the home holds nothing new");
        }
    }

    @Test
    void anExistingOutputFileIsNeverOverwritten() throws Exception {
        Path out = home.resolve("earlier.json");
        Files.writeString(out, "[]");
        CliTestSupport.Run r = CliTestSupport.runIn(home, "micro", "--out", out.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("already exists"), r.err());
        assertEquals("[]", Files.readString(out));
    }

    @Test
    void anUnwritableOutputDirectoryIsRefused() {
        CliTestSupport.Run r = CliTestSupport.runIn(home, "micro", "--out", "/nonexistent-dir/x.json");
        assertEquals(2, r.status());
        assertEquals("ringorder: cannot write to /nonexistent-dir: it is not a writable directory (choose another --out)",
                r.err().strip());
    }
}
