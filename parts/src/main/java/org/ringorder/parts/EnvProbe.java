package org.ringorder.parts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.ringorder.evidence.Emulation;
import org.ringorder.evidence.EnvRecord;
import org.ringorder.evidence.Run;
import org.ringorder.kvm.Kvm;
import org.ringorder.launch.ChildProcess;
import org.ringorder.launch.Jvm;

/** What {@code env.json} says about the machine, the JVM the benchmarks ran on, and the run; and the machine's noise over it. */
public final class EnvProbe {
    static final String VERSION = "0.1.0";

    private EnvProbe() {
    }

    public static EnvRecord probe(Jvm jvm, String profile, Instant start, String pin) {
        return new EnvRecord(Run.FORMAT_VERSION, VERSION, git(), profile, start.toString(), null, false, arch(), cpuModel(),
                cores(), System.getProperty("os.version"), osName(),
                read("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor"), jvmInfo(jvm), hsdis(jvm),
                command("perf", "--version"), kvm(), pin, Emulation.emulator(), null, null);
    }

    public static String arch() {
        String a = System.getProperty("os.arch");
        return a.equals("amd64") ? "x86_64" : a;
    }

    static String cpuModel() {
        for (String key : List.of("model name", "Model", "Hardware", "cpu model")) {
            String v = cpuinfo(key);
            if (v != null) {
                return v;
            }
        }
        String part = cpuinfo("CPU part");
        return part != null ? "CPU part " + part + " (implementer " + cpuinfo("CPU implementer") + ")" : arch();
    }

    private static String cpuinfo(String key) {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith(key) && l.substring(key.length()).trim().startsWith(":"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static EnvRecord.Cores cores() {
        TreeSet<String> packages = new TreeSet<>();
        TreeSet<String> physical = new TreeSet<>();
        int cpus = 0;
        try (Stream<Path> dirs = Files.list(Path.of("/sys/devices/system/cpu"))) {
            for (Path d : dirs.filter(p -> p.getFileName().toString().matches("cpu[0-9]+")).toList()) {
                String pkg = read(d.resolve("topology/physical_package_id").toString());
                String core = read(d.resolve("topology/core_id").toString());
                if (pkg != null && core != null) {
                    cpus++;
                    packages.add(pkg);
                    physical.add(pkg + ":" + core);
                }
            }
        } catch (IOException e) {
            // no sysfs topology: leave the counts out
        }
        int online = Runtime.getRuntime().availableProcessors();
        return cpus > 0 ? new EnvRecord.Cores(online, packages.size(), physical.size(), cpus / physical.size())
                : new EnvRecord.Cores(online, null, null, null);
    }

    private static String osName() {
        try (Stream<String> lines = Files.lines(Path.of("/etc/os-release"))) {
            return lines.filter(l -> l.startsWith("PRETTY_NAME=")).map(l -> l.substring(12).replace("\"", ""))
                    .findFirst().orElse(System.getProperty("os.name"));
        } catch (IOException e) {
            return System.getProperty("os.name");
        }
    }

    private static EnvRecord.JvmInfo jvmInfo(Jvm jvm) {
        String settings = command(jvm.java().toString(), "-XshowSettings:properties", "-version");
        return new EnvRecord.JvmInfo(jvm.home().toString(), jvm.major(), property(settings, "java.vendor"),
                property(settings, "java.runtime.version"), property(settings, "java.vm.name"), jvm.hostOptions(),
                "JMH's forks inherit these; jmh.json lists each fork's jvmArgs");
    }

    private static String property(String settings, String key) {
        if (settings == null) {
            return null;
        }
        return settings.lines().map(String::trim).filter(l -> l.startsWith(key + " = "))
                .map(l -> l.substring(key.length() + 3)).findFirst().orElse(null);
    }

    private static String hsdis(Jvm jvm) {
        String arch = System.getProperty("os.arch");
        List<Path> places = new ArrayList<>(List.of(jvm.home().resolve("lib"), jvm.home().resolve("lib/server")));
        String ld = System.getenv("LD_LIBRARY_PATH");
        if (ld != null) {
            for (String p : ld.split(":")) {
                if (!p.isEmpty()) {
                    places.add(Path.of(p));
                }
            }
        }
        return places.stream().map(p -> p.resolve("hsdis-" + arch + ".so")).filter(Files::exists).map(Path::toString)
                .findFirst().orElse(null);
    }

    /** Where the kernel's ring cannot run here: the command that runs it in an emulated machine instead. */
    public static String emulatedRing() {
        return "ringorder emulate --arch " + arch() + " kvm --mechanism ring,bitmap --seconds 2 (its first run sets the machine up; "
                + "installing QEMU needs root)";
    }

    /**
     * /dev/kvm: there, usable, the modules loaded and the one that serves it (kvm_intel, kvm_pvm,
     * ...), and where the ring cannot run, why (no module, no device, no permission, no ring).
     */
    public static EnvRecord.KvmInfo kvm() {
        Path dev = Path.of("/dev/kvm");
        List<String> modules = new ArrayList<>();
        for (String m : List.of("kvm_intel", "kvm_amd", "kvm_pvm", "kvm_arm", "kvm_riscv", "kvm_loongarch")) {
            if (Files.isDirectory(Path.of("/sys/module", m))) {
                modules.add(m);
            }
        }
        if (!Files.exists(dev)) {
            return new EnvRecord.KvmInfo(false, null, null, null, unusable(modules.isEmpty()
                    ? "no /dev/kvm and no KVM module loaded (modprobe kvm_intel or kvm_amd where the CPU offers VT-x or AMD-V)"
                    : String.join(", ", modules) + " is loaded but gives no /dev/kvm (a VM without nested virtualisation)"));
        }
        return new EnvRecord.KvmInfo(true, Files.isReadable(dev) && Files.isWritable(dev), modules,
                modules.isEmpty() ? "built in" : modules.get(modules.size() - 1), Kvm.unavailable().map(EnvProbe::unusable).orElse(null));
    }

    private static String unusable(String why) {
        return why + "; the kernel's ring under emulation: " + emulatedRing();
    }

    /** The checkout's commit; {@code -Dringorder.gitCommit} where there is no git (an emulated machine). */
    public static String git() {
        String given = System.getProperty("ringorder.gitCommit");
        if (given != null && !given.isBlank()) {
            return given.trim();
        }
        String head = command("git", "-C", Home.dir().toString(), "rev-parse", "HEAD");
        if (head == null) {
            return "unknown (not a git checkout)";
        }
        String dirty = command("git", "-C", Home.dir().toString(), "status", "--porcelain", "--untracked-files=no");
        return head.trim() + (dirty != null && !dirty.isBlank() ? "+dirty" : "");
    }

    static String read(String file) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A command's output (stdout and stderr), or null when it cannot run, fails, or takes over 30 s. */
    public static String command(String... cmd) {
        try {
            ChildProcess.Result r = ChildProcess.of("the probe " + cmd[0], List.of(cmd)).limit(Duration.ofSeconds(30)).capture().run();
            return r.exitCode() == 0 ? String.join("\n", r.output()).trim() : null;
        } catch (ChildProcess.Failure e) {
            return null;
        }
    }

    /** {@code <arch>-<cpu>-<jdk>-<timestamp>}, e.g. {@code x86_64-intel-xeon-processor-jdk17-20261125-130501}. */
    public static String runName(Jvm jvm, String timestamp) {
        String cpu = cpuModel().replaceAll("\\((R|r|TM|tm)\\)", "").replaceAll("(?i)\\bCPU\\b|@.*$", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        if (cpu.length() > 40) {
            cpu = cpu.substring(0, 40).replaceAll("-$", "");
        }
        return arch() + "-" + cpu + "-jdk" + jvm.major() + "-" + timestamp;
    }

    /** The load average (1, 5, 15 minutes), or null where /proc/loadavg cannot be read. */
    public static List<Double> loadAverage() {
        String s = read("/proc/loadavg");
        if (s == null) {
            return null;
        }
        String[] f = s.split("\\s+");
        return List.of(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]));
    }

    /** The CPU time counters of /proc/stat's first line: steal, and the total; null where unreadable. */
    public static long[] cpuTimes() {
        String s = read("/proc/stat");
        if (s == null || !s.startsWith("cpu ")) {
            return null;
        }
        String[] f = s.lines().findFirst().orElseThrow().trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < f.length && i <= 8; i++) {
            total += Long.parseLong(f[i]);
        }
        long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
        return new long[] {steal, total};
    }

    /** The share of CPU time stolen between two {@link #cpuTimes()} readings, in percent; null without both. */
    public static Double stealPercent(long[] before, long[] after) {
        if (before == null || after == null || after[1] <= before[1]) {
            return null;
        }
        return 100.0 * (after[0] - before[0]) / (after[1] - before[1]);
    }
}
