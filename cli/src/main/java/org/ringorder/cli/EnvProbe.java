package org.ringorder.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.ringorder.results.Run;

/** What {@code env.json} says about the machine, the JVM the benchmarks ran on, and the run. */
final class EnvProbe {
    static final String VERSION = "0.1.0";

    private EnvProbe() {
    }

    static JsonObject probe(Jvm jvm, String profile, Instant start) {
        JsonObject env = new JsonObject();
        env.addProperty("formatVersion", Run.FORMAT_VERSION);
        env.addProperty("ringorderVersion", VERSION);
        env.addProperty("gitCommit", git());
        env.addProperty("profile", profile);
        env.addProperty("start", start.toString());
        env.add("end", null);
        env.addProperty("completed", false);
        env.addProperty("arch", arch());
        env.addProperty("cpu", cpuModel());
        env.add("cores", cores());
        env.addProperty("kernel", System.getProperty("os.version"));
        env.addProperty("os", osName());
        env.addProperty("governor", read("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor"));
        env.add("jvm", jvmInfo(jvm));
        env.addProperty("hsdis", hsdis(jvm));
        env.addProperty("perf", command("perf", "--version"));
        env.add("kvm", kvm());
        return env;
    }

    static String arch() {
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

    private static JsonObject cores() {
        JsonObject c = new JsonObject();
        c.addProperty("online", Runtime.getRuntime().availableProcessors());
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
        if (cpus > 0) {
            c.addProperty("sockets", packages.size());
            c.addProperty("physicalCores", physical.size());
            c.addProperty("threadsPerCore", cpus / physical.size());
        }
        return c;
    }

    private static String osName() {
        try (Stream<String> lines = Files.lines(Path.of("/etc/os-release"))) {
            return lines.filter(l -> l.startsWith("PRETTY_NAME=")).map(l -> l.substring(12).replace("\"", ""))
                    .findFirst().orElse(System.getProperty("os.name"));
        } catch (IOException e) {
            return System.getProperty("os.name");
        }
    }

    private static JsonObject jvmInfo(Jvm jvm) {
        JsonObject j = new JsonObject();
        j.addProperty("home", jvm.home.toString());
        j.addProperty("feature", jvm.major);
        String settings = command(jvm.java.toString(), "-XshowSettings:properties", "-version");
        j.addProperty("vendor", property(settings, "java.vendor"));
        j.addProperty("version", property(settings, "java.runtime.version"));
        j.addProperty("vm", property(settings, "java.vm.name"));
        JsonArray flags = new JsonArray();
        jvm.hostOptions().forEach(flags::add);
        j.add("flags", flags);
        j.addProperty("flagsNote", "JMH's forks inherit these; jmh.json lists each fork's jvmArgs");
        return j;
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
        List<Path> places = new ArrayList<>(List.of(jvm.home.resolve("lib"), jvm.home.resolve("lib/server")));
        String ld = System.getenv("LD_LIBRARY_PATH");
        if (ld != null) {
            for (String p : ld.split(":")) {
                if (!p.isEmpty()) {
                    places.add(Path.of(p));
                }
            }
        }
        for (Path p : places) {
            Path f = p.resolve("hsdis-" + arch + ".so");
            if (Files.exists(f)) {
                return f.toString();
            }
        }
        return null;
    }

    private static JsonObject kvm() {
        JsonObject k = new JsonObject();
        Path dev = Path.of("/dev/kvm");
        k.addProperty("present", Files.exists(dev));
        if (Files.exists(dev)) {
            k.addProperty("accessible", Files.isReadable(dev) && Files.isWritable(dev));
            JsonArray modules = new JsonArray();
            for (String m : List.of("kvm_intel", "kvm_amd", "kvm_pvm", "kvm_arm", "kvm_riscv", "kvm_loongarch")) {
                if (Files.isDirectory(Path.of("/sys/module", m))) {
                    modules.add(m);
                }
            }
            k.add("modules", modules);
            k.addProperty("flavour", modules.isEmpty() ? "built in" : modules.get(modules.size() - 1).getAsString());
        }
        return k;
    }

    private static String git() {
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

    /** A command's output (stdout and stderr), or null when it cannot run or fails. */
    static String command(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            p.getInputStream().transferTo(out);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return out.toString(StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** {@code <arch>-<cpu>-<jdk>-<timestamp>}, e.g. {@code x86_64-intel-xeon-processor-jdk17-20261125-130501}. */
    static String runName(Jvm jvm, String timestamp) {
        String cpu = cpuModel().replaceAll("\\((R|r|TM|tm)\\)", "").replaceAll("(?i)\\bCPU\\b|@.*$", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        if (cpu.length() > 40) {
            cpu = cpu.substring(0, 40).replaceAll("-$", "");
        }
        return arch() + "-" + cpu + "-jdk" + jvm.major + "-" + timestamp;
    }
}
