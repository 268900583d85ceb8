package org.ringorder.cli;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A command that fails after it made its results directory leaves nothing behind: not the
 * directory, not a hidden work file. Each command fails here the way a user's would: a JDK whose
 * java refuses to start (every child fails), or aarch64 code generation that is not set up.
 */
class NoDebrisTest {
    @TempDir
    Path home;

    @TempDir
    Path jdk;

    @BeforeEach
    void aJdkThatCannotStart() throws IOException {
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"17.0.99\"\n");
        Path java = Files.createDirectories(jdk.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\necho 'this java refuses to start' >&2\nexit 1\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** A stand-in for the JDK that cannot start, in the commands below. */
    private static final String JDK = "JDK";

    /** Each command, failing after it made its directory (kvm without /dev/kvm exits 3 before it makes one). */
    static Stream<Arguments> failingCommands() {
        String jdk = JDK;
        return Stream.of(
                Arguments.of((Object) new String[] {"stress", "--strategy", "plain", "--seconds", "1", "--jvm", jdk}),
                Arguments.of((Object) new String[] {"litmus", "--mode", "sanity", "--strategy", "plain", "--jvm", jdk}),
                Arguments.of((Object) new String[] {"asm", "--arch", "aarch64", "--strategy", "plain"}), // not set up under this home
                Arguments.of((Object) new String[] {"asm", "--arch", "x86_64", "--strategy", "plain", "--jvm", jdk}),
                Arguments.of((Object) new String[] {"kvm", "--strategy", "plain", "--seconds", "1", "--jvm", jdk}),
                Arguments.of((Object) new String[] {"run", "--profile", "smoke", "--only", "stress", "--strategy", "plain", "--jvm", jdk}),
                Arguments.of((Object) new String[] {"micro", "--profile", "smoke", "--bench", "reset", "--backend", "jvm",
                        "--strategy", "plain", "--jvm", jdk}));
    }

    @ParameterizedTest
    @MethodSource("failingCommands")
    void failsAndLeavesNothing(String[] command) throws IOException {
        String[] args = Stream.of(command).map(a -> a.equals(JDK) ? jdk.toString() : a).toArray(String[]::new);
        CliTestSupport.Run r = CliTestSupport.runIn(home, args);
        assertNotEquals(0, r.status(), args[0] + " should fail: " + r.out() + r.err());
        List<String> said = r.err().strip().lines().toList();
        assertTrue(said.get(said.size() - 1).startsWith("ringorder: "), "the last line says why: " + r.err());
        Path results = home.resolve("results");
        List<Path> left;
        try (Stream<Path> s = Files.exists(results) ? Files.walk(results).skip(1) : Stream.empty()) {
            left = s.toList();
        }
        assertTrue(left.isEmpty(), args[0] + " left " + left + " behind; it said: " + r.err());
    }
}
