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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void stress() throws IOException {
        failsAndLeavesNothing("stress", "--strategy", "plain", "--seconds", "1", "--jvm", jdk.toString());
    }

    @Test
    void litmus() throws IOException {
        failsAndLeavesNothing("litmus", "--mode", "sanity", "--strategy", "plain", "--jvm", jdk.toString());
    }

    @Test
    void asmWithoutAarch64SetUp() throws IOException {
        failsAndLeavesNothing("asm", "--arch", "aarch64", "--strategy", "plain"); // no asm/java-aarch64 under this home
    }

    @Test
    void asmWhoseJdkCannotStart() throws IOException {
        failsAndLeavesNothing("asm", "--arch", "x86_64", "--strategy", "plain", "--jvm", jdk.toString());
    }

    @Test
    void kvm() throws IOException {
        // without /dev/kvm it exits 3 before it makes a directory; with it, every child fails and the directory goes
        failsAndLeavesNothing("kvm", "--strategy", "plain", "--seconds", "1", "--jvm", jdk.toString());
    }

    @Test
    void runWhoseFirstPartFails() throws IOException {
        failsAndLeavesNothing("run", "--profile", "smoke", "--only", "stress", "--strategy", "plain", "--jvm", jdk.toString());
    }

    @Test
    void micro() throws IOException {
        failsAndLeavesNothing("micro", "--profile", "smoke", "--bench", "reset", "--backend", "jvm", "--strategy", "plain",
                "--jvm", jdk.toString());
    }

    private void failsAndLeavesNothing(String... args) throws IOException {
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
