package org.ringorder.parts;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ringorder.evidence.UserError;

/** Where the ringorder checkout is ({@code -Dringorder.home}, set by the launcher), and what ringorder finds there. */
public final class Home {
    private Home() {
    }

    public static Path dir() {
        String home = System.getProperty("ringorder.home");
        return Path.of(home == null ? "." : home).toAbsolutePath().normalize();
    }

    public static Path benchmarksJar() {
        return built("benchmarks/target/benchmarks.jar");
    }

    public static Path litmusJar() {
        return built("litmus/target/litmus.jar");
    }

    private static Path built(String path) {
        Path jar = dir().resolve(path);
        if (!Files.isRegularFile(jar)) {
            throw new UserError("no " + jar + ": build it with ./ringorder (it builds when needed) or mvn -DskipTests package");
        }
        return jar;
    }

    public static Path results() {
        return dir().resolve("results");
    }

    /** Another architecture's JDK of {@code asm/setup-jdk ARCH}, run under QEMU ({@code asm/java ARCH}). */
    static Path crossJava() {
        return dir().resolve("asm/java");
    }

    /** The native backend's C, for the asm part's cross-compiles (aarch64, riscv64). */
    static Path nativeSource() {
        return dir().resolve("native/src/main/c/ringorder.c");
    }
}
