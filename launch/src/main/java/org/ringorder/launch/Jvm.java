package org.ringorder.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/** A JDK that runs a child JVM: this one, or one named with {@code --jvm}. */
public final class Jvm {
    private final Path home;
    private final Path java;
    private final int major;

    private Jvm(Path home, Path java, int major) {
        this.home = home;
        this.java = java;
        this.major = major;
    }

    public static Jvm current() {
        return of(Path.of(System.getProperty("java.home")));
    }

    /** A JDK home, or its {@code bin/java}; refused with one line (IllegalArgumentException) when it is neither. */
    public static Jvm of(Path path) {
        Path home = path.getFileName() != null && path.getFileName().toString().equals("java")
                && path.getParent() != null && path.getParent().getFileName().toString().equals("bin")
                ? path.getParent().getParent() : path;
        Path java = home.resolve("bin").resolve("java");
        if (!Files.isExecutable(java)) {
            throw new IllegalArgumentException("--jvm " + path + " is not a JDK: there is no executable bin/java under it "
                    + "(give a JDK home such as /usr/lib/jvm/temurin-25-jdk-amd64)");
        }
        return new Jvm(home, java, majorVersion(home, path));
    }

    /**
     * A JDK of this feature release installed under {@code /usr/lib/jvm} (Debian's place, and
     * Temurin's packages'), the first by name; empty where there is none.
     */
    public static Optional<Jvm> installed(int major) {
        Path root = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (var homes = Files.list(root)) {
            for (Path home : homes.sorted().toList()) {
                if (Files.isSymbolicLink(home) || !Files.isExecutable(home.resolve("bin/java"))
                        || !Files.isRegularFile(home.resolve("release"))) {
                    continue;
                }
                try {
                    Jvm j = of(home);
                    if (j.major == major) {
                        return Optional.of(j);
                    }
                } catch (IllegalArgumentException | UncheckedIOException notAJdk) {
                    // a JRE or a broken home: not ours to use
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The full version its {@code release} file names, e.g. {@code 25.0.1}; the feature release where it names none. */
    public String version() {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(home.resolve("release"))) {
            p.load(in);
            String v = p.getProperty("JAVA_VERSION", "").replace("\"", "");
            return v.isEmpty() ? String.valueOf(major) : v;
        } catch (IOException e) {
            return String.valueOf(major);
        }
    }

    private static int majorVersion(Path home, Path asked) {
        Path release = home.resolve("release");
        if (Files.isRegularFile(release)) {
            Properties p = new Properties();
            try (var in = Files.newBufferedReader(release)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + release, e);
            }
            String v = p.getProperty("JAVA_VERSION", "").replace("\"", "");
            String first = v.startsWith("1.") ? v.substring(2) : v;
            String digits = first.split("[^0-9]", 2)[0];
            if (!digits.isEmpty()) {
                return Integer.parseInt(digits);
            }
        }
        throw new IllegalArgumentException("--jvm " + asked + " is not a JDK: it has no 'release' file naming its version");
    }

    public Path home() {
        return home;
    }

    public Path java() {
        return java;
    }

    /** The feature release, e.g. 17. */
    public int major() {
        return major;
    }

    /** Options every JVM ringorder starts on this JDK needs; JMH's and jcstress's forks inherit them. */
    public List<String> hostOptions() {
        List<String> opts = new ArrayList<>();
        if (major >= 23) {
            opts.add("--sun-misc-unsafe-memory-access=allow"); // JMH 1.37 calls sun.misc.Unsafe
        }
        if (major >= 22) {
            opts.add("--enable-native-access=ALL-UNNAMED"); // the native backends' System.load, jcstress's JNA
        }
        return opts;
    }

    /**
     * The one place a JVM's command line is built: {@code taskset -c PIN} when pinned, this JDK's
     * java, its host options, then {@code options} and {@code rest} (e.g. {@code -jar JAR ARGS} or
     * {@code -cp CP MAIN ARGS}).
     */
    public List<String> command(String pin, List<String> options, List<String> rest) {
        List<String> cmd = new ArrayList<>();
        if (pin != null) {
            cmd.addAll(List.of("taskset", "-c", pin));
        }
        cmd.add(java.toString());
        cmd.addAll(hostOptions());
        cmd.addAll(options);
        cmd.addAll(rest);
        return cmd;
    }

    /** A class of this process's own classpath in a JVM of its own: how ringorder runs stress, kvm and asm children. */
    public List<String> mainOfThisClasspath(String pin, List<String> options, String mainClass, List<String> args) {
        List<String> rest = new ArrayList<>(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        rest.addAll(args);
        return command(pin, options, rest);
    }

    @Override
    public String toString() {
        return home + " (Java " + major + ")";
    }
}
