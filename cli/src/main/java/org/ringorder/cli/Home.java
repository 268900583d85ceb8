package org.ringorder.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ringorder.results.UserError;

/** Where the ringorder checkout is: {@code -Dringorder.home}, set by the launcher. */
final class Home {
    private Home() {
    }

    static Path dir() {
        String home = System.getProperty("ringorder.home");
        return Path.of(home == null ? "." : home).toAbsolutePath().normalize();
    }

    static Path benchmarksJar() {
        Path jar = dir().resolve("benchmarks/target/benchmarks.jar");
        if (!Files.isRegularFile(jar)) {
            throw new UserError("no " + jar + ": build it with ./ringorder (it builds when needed) or mvn -DskipTests package");
        }
        return jar;
    }

    static Path litmusJar() {
        Path jar = dir().resolve("litmus/target/litmus.jar");
        if (!Files.isRegularFile(jar)) {
            throw new UserError("no " + jar + ": build it with ./ringorder (it builds when needed) or mvn -DskipTests package");
        }
        return jar;
    }

    static Path results() {
        return dir().resolve("results");
    }
}
