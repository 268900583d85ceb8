package org.ringorder.asm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ringorder.evidence.AsmRecord;
import org.ringorder.evidence.AtomicFiles;
import org.ringorder.evidence.UserError;
import org.ringorder.launch.Jvm;
import org.ringorder.strategy.OrderingPoint;

/**
 * The asm part: each strategy's ordering points compiled by C2 ({@link OrderingPoints} in a JVM of
 * its own, {@code -XX:+PrintAssembly} decoded by objdump) and by gcc (the native backend's
 * {@code ro_point_*} functions), per architecture; another architecture's C2 runs under QEMU user mode
 * ({@code asm/java ARCH}: qemu-aarch64-static, qemu-riscv64-static).
 */
public final class InstructionEvidence {
    static final String OWNER = OrderingPoints.class.getName();
    /**
     * The native backend's point ({@code ro_point_NAME_STRATEGY}) that does what a JVM ordering
     * point does; the index and doorbell loads have none.
     */
    static final Map<OrderingPoint, String> NATIVE_POINT = new EnumMap<>(Map.of(
            OrderingPoint.PUBLISH_DIRTY, "publish_dirty",
            OrderingPoint.OBSERVE_DIRTY, "observe_dirty",
            OrderingPoint.MARK_RESET, "mark_reset",
            OrderingPoint.OBSERVE_RESET, "observe_reset",
            OrderingPoint.INVALIDATE, "invalidate",
            OrderingPoint.PUBLISH_RESET_INDEX, "publish_reset_index",
            OrderingPoint.RING_DOORBELL, "ring_doorbell",
            OrderingPoint.AFTER_BATCH_OBSERVE, "after_batch_observe",
            OrderingPoint.BEFORE_BATCH_PUBLISH, "before_batch_publish"));

    /** HotSpot's diagnostic flag that merges {@code dmb ishld; dmb ishst} into {@code dmb ish} (JDK 23+, JDK-8325821). */
    static final String MERGE_DMB = "AlwaysMergeDMB";
    /** The setting the JDK picks on Neoverse N1/N2/V1/V2 and AmpereOne: the barriers unmerged. */
    public static final String NEOVERSE = "-XX:-" + MERGE_DMB;
    /** riscv64: HotSpot's product flag that widens its fences to {@code fence iorw,iorw} (on in JDK 21, off in 25). */
    static final String CONSERVATIVE_FENCE = "UseConservativeFence";
    /** riscv64: HotSpot's experimental flag for the Ztso extension (JDK 25): TSO's mapping, valid only on Ztso hardware. */
    static final String ZTSO = "UseZtso";
    public static final String DEFAULT = "default";

    /** One C2 to read: an architecture, a JDK (the java command that runs it), and a setting of its barrier flags. */
    public record Compiler(Disassembly.Arch arch, boolean host, int jdk, String version, List<String> java, String setting) {
        /** E.g. {@code OpenJDK 25.0.1 (arm64, QEMU), -XX:-AlwaysMergeDMB}; {@code OpenJDK 25.0.5 (riscv64, QEMU), -XX:+UseZtso (Ztso hardware only)}. */
        public String words() {
            return "OpenJDK " + version + (host ? "" : " (" + debianArch(arch) + ", QEMU)")
                    + (setting.equals(DEFAULT) ? "" : ", " + setting + (setting.endsWith("+" + ZTSO) ? " (Ztso hardware only)" : ""));
        }

        List<String> settingOptions() {
            return setting.equals(DEFAULT) ? List.of()
                    : List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+UnlockExperimentalVMOptions", setting);
        }
    }

    private final Jvm jvm;
    private final Path crossJava;
    private final Path nativeSource;

    /**
     * @param jvm          the JDK whose C2 compiles the host's points unless others are asked for
     * @param crossJava    the wrapper that runs another architecture's JDK under QEMU ({@code asm/java ARCH [--jdk N]})
     * @param nativeSource the native backend's C ({@code native/src/main/c/ringorder.c}), cross-compiled for the others
     */
    public InstructionEvidence(Jvm jvm, Path crossJava, Path nativeSource) {
        this.jvm = jvm;
        this.crossJava = crossJava;
        this.nativeSource = nativeSource;
    }

    /** Debian's name for an architecture ({@code arm64} for aarch64), as the JDK's packages and words say it. */
    static String debianArch(Disassembly.Arch arch) {
        return arch == Disassembly.Arch.aarch64 ? "arm64" : arch == Disassembly.Arch.x86_64 ? "amd64" : arch.name();
    }

    /** The JDK read on another architecture when none is asked for: Debian's default there (bookworm's 17; trixie's 21 for riscv64). */
    public static int defaultJdk(Disassembly.Arch arch) {
        return arch == Disassembly.Arch.riscv64 ? 21 : 17;
    }

    /** Null when {@code arch}'s JDK {@code major} runs under QEMU here; else why not. */
    public String crossUnready(Disassembly.Arch arch, int major) {
        try {
            Disassembly.output(List.of(crossJava.toString(), arch.name(), "--jdk", String.valueOf(major), "-version"), 120,
                    "the " + debianArch(arch) + " JDK " + major + " under QEMU", "");
            return null;
        } catch (RuntimeException e) {
            return "no " + debianArch(arch) + " JDK " + major + " under QEMU here: run asm/setup-jdk " + arch
                    + (major == defaultJdk(arch) ? "" : " --jdk " + major)
                    + " once (as root; it installs qemu-user-static and the " + debianArch(arch) + " OpenJDK)";
        }
    }

    /** Null when {@code arch}'s default JDK runs under QEMU here; else why not. */
    public String crossUnready(Disassembly.Arch arch) {
        return crossUnready(arch, defaultJdk(arch));
    }

    /**
     * The compilers to read on one architecture: each JDK asked for (none: the host's own JDK, or
     * the architecture's default), each in its default setting and in the settings of the barrier
     * flags it has ({@link #settings}). A JDK this machine lacks is skipped with one line on {@code say}.
     */
    public List<Compiler> compilers(Disassembly.Arch arch, boolean host, List<Integer> jdks, Consumer<String> say) {
        List<Integer> wanted = jdks.isEmpty() ? List.of(host ? jvm.major() : defaultJdk(arch)) : jdks;
        List<Compiler> out = new ArrayList<>();
        for (int major : wanted) {
            List<String> java;
            String version;
            if (host) {
                Optional<Jvm> j = major == jvm.major() ? Optional.of(jvm) : Jvm.installed(major);
                if (j.isEmpty()) {
                    say.accept("ringorder: asm " + arch + ": no JDK " + major + " under /usr/lib/jvm: skipped (install one, or "
                            + "leave " + major + " out of --jdk)");
                    continue;
                }
                java = j.get().command(null, List.of(), List.of());
                version = j.get().version();
            } else {
                String why = crossUnready(arch, major);
                if (why != null) {
                    say.accept("ringorder: asm " + arch + ": JDK " + major + " skipped: " + why);
                    continue;
                }
                java = List.of(crossJava.toString(), arch.name(), "--jdk", String.valueOf(major));
                version = versionOf(java, major);
            }
            out.add(new Compiler(arch, host, major, version, java, DEFAULT));
            for (String setting : settings(arch, java)) {
                out.add(new Compiler(arch, host, major, version, java, setting));
            }
        }
        return out;
    }

    /**
     * The non-default settings of a JDK's barrier flags worth a column: aarch64's Neoverse one
     * ({@code -XX:-AlwaysMergeDMB}); on riscv64 the other side of {@code UseConservativeFence}, and
     * {@code -XX:+UseZtso} (what C2 emits for Ztso hardware: not valid code on RVWMO).
     */
    static List<String> settings(Disassembly.Arch arch, List<String> java) {
        Map<String, Boolean> flags = flags(java);
        List<String> out = new ArrayList<>();
        if (arch == Disassembly.Arch.aarch64 && flags.containsKey(MERGE_DMB)) {
            out.add(NEOVERSE);
        }
        if (arch == Disassembly.Arch.riscv64) {
            if (flags.containsKey(CONSERVATIVE_FENCE)) {
                out.add("-XX:" + (flags.get(CONSERVATIVE_FENCE) ? "-" : "+") + CONSERVATIVE_FENCE);
            }
            if (flags.containsKey(ZTSO)) {
                out.add("-XX:" + (flags.get(ZTSO) ? "-" : "+") + ZTSO);
            }
        }
        return out;
    }

    /** Every (arch, compiler, backend, strategy, point) record. */
    public List<AsmRecord> run(List<Disassembly.Arch> archs, List<Integer> jdks, List<String> strategies, String hostArch,
                               Consumer<String> say) {
        List<AsmRecord> rows = new ArrayList<>();
        Path scratch;
        try {
            scratch = Files.createTempDirectory("ringorder-asm");
        } catch (IOException e) {
            throw new UserError("cannot create a scratch directory: " + e.getMessage());
        }
        try {
            for (Disassembly.Arch arch : archs) {
                boolean host = arch.name().equals(hostArch);
                if (!host && jdks.isEmpty() && crossUnready(arch) != null) {
                    throw new UserError("--arch " + arch + ": " + crossUnready(arch));
                }
                List<Compiler> compilers = compilers(arch, host, jdks, say);
                if (compilers.isEmpty()) {
                    throw new UserError("--arch " + arch + ": none of the JDKs " + jdks + " is set up here (see above)");
                }
                Path library = host ? hostLibrary(scratch) : crossCompiled(arch, scratch);
                for (String s : strategies) {
                    for (Compiler c : compilers) {
                        say.accept("ringorder: asm " + arch + ": " + s + " (C2 of " + c.words() + ")");
                        Map<String, Disassembly.Code> code = Disassembly.machCode(printAssembly(c, s), OWNER);
                        for (OrderingPoint point : OrderingPoints.POINTS) {
                            Disassembly.Code mc = code.get(point.method());
                            if (mc == null) {
                                throw new UserError("C2 did not print " + OWNER + "::" + point.method() + " for " + s + " on " + arch
                                        + " (" + c.words() + ")");
                            }
                            rows.add(row(arch, "jvm", c.words(), String.valueOf(c.jdk()), c.setting(), s, point,
                                    Disassembly.decode(arch, mc, scratch)));
                        }
                    }
                    for (OrderingPoint point : OrderingPoints.POINTS) {
                        String nativePoint = NATIVE_POINT.get(point);
                        if (library != null && nativePoint != null) {
                            String symbol = "ro_point_" + nativePoint + "_" + s.replace('-', '_');
                            rows.add(row(arch, "native", "gcc -O2", null, null, s, point, Disassembly.decodeSymbol(arch, library, symbol)));
                        }
                    }
                }
            }
        } finally {
            AtomicFiles.deleteQuietly(scratch);
        }
        return rows;
    }

    private static AsmRecord row(Disassembly.Arch arch, String backend, String compiler, String jdk, String setting, String strategy,
                                 OrderingPoint point, List<String> all) {
        return new AsmRecord(arch.name(), backend, compiler, jdk, setting, strategy, point.method(),
                Disassembly.orderingInstructions(arch, all),
                all);
    }

    /** PrintAssembly's output for one strategy's ordering points, C2 only, each point out of line. */
    private List<String> printAssembly(Compiler c, String strategy) {
        List<String> options = new ArrayList<>(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:-TieredCompilation", "-Xbatch",
                "-Dringorder.strategy=" + strategy, "-XX:CompileCommand=quiet",
                "-XX:CompileCommand=dontinline," + OWNER + "::*", "-XX:CompileCommand=print," + OWNER + "::*"));
        options.addAll(c.settingOptions());
        List<String> cmd = new ArrayList<>(c.java());
        cmd.addAll(options);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), OWNER));
        return Disassembly.output(cmd, 600, "the asm JVM for " + strategy + " (" + c.words() + ")",
                c.host() ? "is --jvm a JDK?" : "run asm/setup-jdk " + c.arch() + " once");
    }

    private static final Pattern BOOL_FLAG = Pattern.compile("\\s*bool\\s+(\\w+)\\s+=\\s+(true|false)\\s.*");

    /** A JVM's boolean flags and their values, diagnostic and experimental ones included: its -XX:+PrintFlagsFinal. */
    static Map<String, Boolean> flags(List<String> java) {
        List<String> cmd = new ArrayList<>(java);
        cmd.addAll(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+UnlockExperimentalVMOptions", "-XX:+PrintFlagsFinal", "-version"));
        Map<String, Boolean> out = new HashMap<>();
        for (String line : Disassembly.output(cmd, 300, "the JVM's flag list", "")) {
            Matcher m = BOOL_FLAG.matcher(line);
            if (m.matches()) {
                out.put(m.group(1), Boolean.parseBoolean(m.group(2)));
            }
        }
        return out;
    }

    /** E.g. {@code 25.0.1}, from {@code java -version}'s first line ({@code openjdk version "25.0.1" 2025-10-21}). */
    static String versionOf(List<String> java, int major) {
        List<String> cmd = new ArrayList<>(java);
        cmd.add("-version");
        for (String line : Disassembly.output(cmd, 120, "java -version", "")) {
            int q = line.indexOf('"');
            if (line.contains(" version ") && q >= 0 && line.indexOf('"', q + 1) > q) {
                return line.substring(q + 1, line.indexOf('"', q + 1));
            }
        }
        return String.valueOf(major);
    }

    /** The native library this process would load, copied out of the jar for objdump; null where it was not built. */
    private static Path hostLibrary(Path scratch) {
        String resource = "org/ringorder/jni/linux-" + System.getProperty("os.arch") + "/libringorder.so";
        try (InputStream in = ClassLoader.getSystemResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            Path lib = scratch.resolve("libringorder.so");
            Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
            return lib;
        } catch (IOException e) {
            throw new UserError("cannot copy the native library to " + scratch + ": " + e.getMessage());
        }
    }

    /** The same C, built with ARCH-linux-gnu-gcc -O2; null without that cross compiler (the JVM column only). */
    private Path crossCompiled(Disassembly.Arch arch, Path scratch) {
        Path object = scratch.resolve("ringorder-" + arch + ".o");
        String include = Path.of(System.getProperty("java.home"), "include").toString();
        List<String> cmd = List.of(arch + "-linux-gnu-gcc", "-O2", "-std=gnu11", "-fPIC", "-c", "-I" + include,
                "-I" + include + "/linux", "-o", object.toString(), nativeSource.toString());
        try {
            Disassembly.output(cmd, 120, arch + "-linux-gnu-gcc", "");
        } catch (UserError e) {
            if (e.getMessage().startsWith("cannot start")) {
                return null;
            }
            throw e;
        }
        return object;
    }
}
