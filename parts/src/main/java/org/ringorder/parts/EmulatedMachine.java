package org.ringorder.parts;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.ringorder.evidence.Emulation;
import org.ringorder.evidence.UserError;
import org.ringorder.launch.ChildProcess;

/**
 * One architecture's emulated machine, as {@code emulate/ARCH.conf} describes it (the conf is read
 * here and by {@code emulate/setup}, which fetches and packs what it names): the QEMU binary, board,
 * CPU and accelerator, the firmware, the console, the kernel's arguments, the page sizes, and how
 * the JDK gets inside ({@code host}: the guest runs on the host's root, read-only under a layer in
 * memory, with this JVM; {@code packed}: a JDK of that architecture in the initramfs, at
 * {@code JAVA}, one of {@code JDKS}). A new
 * architecture is a new conf, not new code.
 */
public final class EmulatedMachine {
    /** Where the confs, the setup and the guest's init live, under the checkout. */
    static final String FOLDER = "emulate";

    private final String arch;
    private final Map<String, String> conf;

    private EmulatedMachine(String arch, Map<String, String> conf) {
        this.arch = arch;
        this.conf = conf;
    }

    /** The architectures with a conf, sorted. */
    public static List<String> architectures() {
        try (Stream<Path> s = Files.list(Home.dir().resolve(FOLDER))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".conf"))
                    .map(n -> n.substring(0, n.length() - ".conf".length())).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The machine for {@code arch}, or one line naming the architectures there are. */
    public static EmulatedMachine of(String arch) {
        Path file = Home.dir().resolve(FOLDER).resolve(arch + ".conf");
        if (!architectures().contains(arch)) {
            throw new UserError("--arch " + arch + ": no emulated machine for it; expected one of " + String.join(", ", architectures()));
        }
        try {
            return new EmulatedMachine(arch, parse(Files.readAllLines(file)));
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** key=value lines, read literally (as emulate/setup reads them); # starts a comment line. */
    static Map<String, String> parse(List<String> lines) {
        Map<String, String> conf = new LinkedHashMap<>();
        for (String line : lines) {
            int eq = line.indexOf('=');
            if (!line.isBlank() && !line.startsWith("#") && eq > 0) {
                conf.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return conf;
    }

    /** The word every record made inside carries (env.json's emulated, pick's and the report's lines). */
    public String emulator() {
        return get("QEMU") + " (TCG)";
    }

    /** The page sizes this machine offers, e.g. [4k, 16k]. */
    public List<String> pageSizes() {
        return list("FLAVOURS").stream().map(f -> f.substring(0, f.indexOf(':'))).toList();
    }

    /** The guest runs on the host's root (same architecture), with the host's JDK and classpath. */
    public boolean hostJdk() {
        return get("JDK").equals("host");
    }

    /** The JDK feature releases another architecture's machine offers, its default first (empty: the host's own JDK). */
    public List<Integer> jdks() {
        return hostJdk() ? List.of() : list("JDKS").stream().map(Integer::valueOf).toList();
    }

    /** The kernel image and the initramfs {@code emulate/setup} made. */
    public record Boot(Path kernel, Path initrd) {
    }

    /**
     * Runs {@code emulate/setup} (quick once everything is cached; the first time it installs QEMU,
     * as root, and fetches the packages), passing its lines to {@code say}.
     */
    public Boot setup(String pageSize, int jdk, Consumer<String> say) {
        List<String> cmd = new ArrayList<>(List.of(setupScript(), arch, "--page-size", pageSize));
        if (!hostJdk()) {
            cmd.addAll(List.of("--jdk", String.valueOf(jdk)));
        }
        Map<String, Path> files = new LinkedHashMap<>();
        ChildProcess.Result r = ChildProcess.of("emulate/setup " + arch, cmd).limit(Duration.ofMinutes(30)).lines(line -> {
            int eq = line.indexOf('=');
            if (line.startsWith("kernel=") || line.startsWith("initrd=")) {
                files.put(line.substring(0, eq), Path.of(line.substring(eq + 1)));
            } else {
                say.accept(line);
            }
        }).run();
        if (r.exitCode() != 0 || !files.containsKey("kernel") || !files.containsKey("initrd")) {
            throw new UserError("the emulated " + arch + " machine is not set up: emulate/setup " + arch + " failed (above); "
                    + "run it once (as root where QEMU is missing)");
        }
        return new Boot(files.get("kernel"), files.get("initrd"));
    }

    /**
     * Empty where {@code emulate/setup --offline} finds the machine set up (it installs and fetches
     * nothing); else its one line saying what is missing.
     */
    public Optional<String> notSetUp() {
        ChildProcess.Result r = ChildProcess.of("emulate/setup --offline", List.of(setupScript(), arch, "--offline"))
                .limit(Duration.ofMinutes(2)).capture().run();
        return r.exitCode() == 0 ? Optional.empty() : Optional.of(r.tail(1));
    }

    private String setupScript() {
        return Home.dir().resolve(FOLDER).resolve("setup").toString();
    }

    /** QEMU's command line: the board, the CPU, the kernel with the marker, and the 9p shares. */
    public List<String> qemu(Boot boot, int smp, int memoryMiB, Path control) {
        Path home = Home.dir();
        List<String> cmd = new ArrayList<>(List.of(get("QEMU"), "-M", get("QEMU_MACHINE"), "-accel", get("QEMU_ACCEL"), "-cpu", get("QEMU_CPU"),
                "-smp", String.valueOf(smp), "-m", String.valueOf(memoryMiB), "-nographic", "-no-reboot", "-nic", "none"));
        if (!get("FIRMWARE").isEmpty()) {
            cmd.addAll(List.of("-bios", get("FIRMWARE")));
        }
        // panic=-1: a guest kernel that panics (no init, say) reboots at once, and -no-reboot ends QEMU instead of a hang
        String append = String.join(" ", "console=" + get("CONSOLE"), "rdinit=/init", "quiet", "panic=-1", get("KERNEL_ARGS").replace(',', ' '),
                Emulation.MARKER + emulator().replace(' ', '+')).replaceAll(" +", " ");
        cmd.addAll(List.of("-kernel", boot.kernel().toString(), "-initrd", boot.initrd().toString(), "-append", append));
        share(cmd, control, "control", false);
        share(cmd, home.resolve("results"), "results", false);
        if (hostJdk()) {
            share(cmd, Path.of("/"), "host", true);
        } else {
            share(cmd, home, "ringorder", true);
        }
        return cmd;
    }

    private static void share(List<String> cmd, Path path, String tag, boolean readOnly) {
        cmd.addAll(List.of("-virtfs", "local,path=" + path + ",mount_tag=" + tag + ",security_model=none,multidevs=remap"
                + (readOnly ? ",readonly=on" : "")));
    }

    /**
     * The guest's command up to the ringorder command's arguments. On the host's root: this very
     * JVM, its access options, its classpath and the checkout's path, so that what runs inside is
     * what runs here (in a test, the classes under test). Another architecture's: its packed JDK,
     * the jar, the checkout at /ringorder. Either way the commit is passed: there is no git inside.
     */
    public List<String> java(String commit, int jdk) {
        List<String> cmd = new ArrayList<>();
        if (hostJdk()) {
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            // the launcher's access options (--NAME=VALUE, one word each)
            ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("--") && a.contains("="))
                    .forEach(cmd::add);
            cmd.addAll(List.of("-Dringorder.home=" + Home.dir(), "-Dringorder.gitCommit=" + commit,
                    "-cp", System.getProperty("java.class.path"), "org.ringorder.cli.Main"));
        } else {
            cmd.add(get("JAVA").replace("@JDK@", String.valueOf(jdk)));
            if (jdk >= 23) { // as the ringorder launcher does: the JMH and the memory module's Unsafe, without the warning
                cmd.add("--sun-misc-unsafe-memory-access=allow");
            }
            cmd.addAll(List.of("-Dringorder.home=/ringorder", "-Dringorder.gitCommit=" + commit,
                    "-jar", "/ringorder/cli/target/ringorder.jar"));
        }
        return cmd;
    }

    /** The native libraries the guest loads, by their place in the jar (e.g. linux-aarch64). */
    public String nativePlace() {
        return "linux-" + (arch.equals("x86_64") ? "amd64" : arch);
    }

    private String get(String key) {
        String v = conf.get(key);
        if (v == null) {
            throw new UserError("emulate/" + arch + ".conf has no " + key + "= line");
        }
        return v;
    }

    private List<String> list(String key) {
        return Arrays.stream(get(key).split(",")).filter(s -> !s.isEmpty()).toList();
    }
}
