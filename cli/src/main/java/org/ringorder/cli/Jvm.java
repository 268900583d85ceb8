package org.ringorder.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.ringorder.results.UserError;

/** The JVM the benchmarks run on: this one, or a JDK named with {@code --jvm}. */
final class Jvm {
    final Path home;
    final Path java;
    final int major;

    private Jvm(Path home, Path java, int major) {
        this.home = home;
        this.java = java;
        this.major = major;
    }

    static Jvm current() {
        return of(Path.of(System.getProperty("java.home")));
    }

    /** A JDK home, or its {@code bin/java}; refused with one line when it is neither. */
    static Jvm of(Path path) {
        Path home = path.getFileName() != null && path.getFileName().toString().equals("java")
                && path.getParent() != null && path.getParent().getFileName().toString().equals("bin")
                ? path.getParent().getParent() : path;
        Path java = home.resolve("bin").resolve("java");
        if (!Files.isExecutable(java)) {
            throw new UserError("--jvm " + path + " is not a JDK: there is no executable bin/java under it "
                    + "(give a JDK home such as /usr/lib/jvm/temurin-25-jdk-amd64)");
        }
        return new Jvm(home, java, majorVersion(home, path));
    }

    private static int majorVersion(Path home, Path asked) {
        Path release = home.resolve("release");
        if (Files.isRegularFile(release)) {
            Properties p = new Properties();
            try (var in = Files.newBufferedReader(release)) {
                p.load(in);
            } catch (IOException e) {
                throw new UserError("cannot read " + release + ": " + e.getMessage());
            }
            String v = p.getProperty("JAVA_VERSION", "").replace("\"", "");
            String first = v.startsWith("1.") ? v.substring(2) : v;
            String digits = first.split("[^0-9]", 2)[0];
            if (!digits.isEmpty()) {
                return Integer.parseInt(digits);
            }
        }
        throw new UserError("--jvm " + asked + " is not a JDK: it has no 'release' file naming its version");
    }

    /** Options the JMH host needs on this JVM; JMH's forks inherit the host's options. */
    List<String> hostOptions() {
        List<String> opts = new ArrayList<>();
        if (major >= 23) {
            opts.add("--sun-misc-unsafe-memory-access=allow"); // JMH 1.37 calls sun.misc.Unsafe
        }
        if (major >= 22) {
            opts.add("--enable-native-access=ALL-UNNAMED"); // the native backend's System.load, jcstress's JNA
        }
        return opts;
    }

    @Override
    public String toString() {
        return home + " (Java " + major + ")";
    }
}
