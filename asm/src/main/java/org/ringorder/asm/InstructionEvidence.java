package org.ringorder.asm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.ringorder.evidence.AsmRecord;
import org.ringorder.evidence.AtomicFiles;
import org.ringorder.evidence.UserError;
import org.ringorder.launch.Jvm;
import org.ringorder.strategy.OrderingPoint;

/**
 * The asm part: each strategy's ordering points compiled by C2 ({@link OrderingPoints} in a JVM of
 * its own, {@code -XX:+PrintAssembly} decoded by objdump) and by gcc (the native backend's
 * {@code ro_point_*} functions), per architecture; aarch64's C2 runs under qemu-aarch64-static.
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
    public static final String DEFAULT = "default";

    /** One C2 to read: an architecture, a JDK (the java command that runs it), and a setting of its barrier flags. */
    public record Compiler(Disassembly.Arch arch, boolean host, int jdk, String version, List<String> java, String setting) {
        /** E.g. {@code OpenJDK 25.0.1 (arm64, QEMU), -XX:-AlwaysMergeDMB}. */
        public String words() {
            return "OpenJDK " + version + (host ? "" : " (arm64, QEMU)") + (setting.equals(DEFAULT) ? "" : ", " + setting);
        }

        List<String> settingOptions() {
            return setting.equals(DEFAULT) ? List.of() : List.of("-XX:+UnlockDiagnosticVMOptions", setting);
        }
    }

    private final Jvm jvm;
    private final Path aarch64Java;
    private final Path nativeSource;

    /**
     * @param jvm          the JDK whose C2 compiles the host's points unless others are asked for
     * @param aarch64Java  the wrapper that runs an arm64 JDK under QEMU ({@code asm/java-aarch64 [--jdk N]})
     * @param nativeSource the native backend's C ({@code native/src/main/c/ringorder.c}), cross-compiled for aarch64
     */
    public InstructionEvidence(Jvm jvm, Path aarch64Java, Path nativeSource) {
        this.jvm = jvm;
        this.aarch64Java = aarch64Java;
        this.nativeSource = nativeSource;
    }

    /** Null when the arm64 JDK 17 runs under QEMU here; else why not. */
    public String aarch64Unready() {
        return aarch64Unready(17);
    }

    /** Null when the arm64 JDK {@code major} runs under QEMU here; else why not. */
    public String aarch64Unready(int major) {
        try {
            Disassembly.output(List.of(aarch64Java.toString(), "--jdk", String.valueOf(major), "-version"), 120,
                    "the arm64 JDK " + major + " under QEMU", "");
            return null;
        } catch (RuntimeException e) {
            return "no arm64 JDK " + major + " under QEMU here: run asm/setup-aarch64" + (major == 17 ? "" : " --jdk " + major)
                    + " once (as root; it installs qemu-user-static and the arm64 OpenJDK)";
        }
    }

    /**
     * The compilers to read on one architecture: each JDK asked for (none: the host's own JDK, or
     * arm64's 17), each in its default setting and, where it has {@link #MERGE_DMB}, the Neoverse
     * one. A JDK this machine lacks is skipped with one line on {@code say}.
     */
    public List<Compiler> compilers(Disassembly.Arch arch, boolean host, List<Integer> jdks, Consumer<String> say) {
        List<Integer> wanted = jdks.isEmpty() ? List.of(host ? jvm.major() : 17) : jdks;
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
                String why = aarch64Unready(major);
                if (why != null) {
                    say.accept("ringorder: asm " + arch + ": JDK " + major + " skipped: " + why);
                    continue;
                }
                java = List.of(aarch64Java.toString(), "--jdk", String.valueOf(major));
                version = versionOf(java, major);
            }
            out.add(new Compiler(arch, host, major, version, java, DEFAULT));
            if (hasFlag(java, MERGE_DMB)) {
                out.add(new Compiler(arch, host, major, version, java, NEOVERSE));
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
                if (!host && jdks.isEmpty() && aarch64Unready() != null) {
                    throw new UserError("--arch aarch64: " + aarch64Unready());
                }
                List<Compiler> compilers = compilers(arch, host, jdks, say);
                if (compilers.isEmpty()) {
                    throw new UserError("--arch " + arch + ": none of the JDKs " + jdks + " is set up here (see above)");
                }
                Path library = host ? hostLibrary(scratch) : crossCompiled(scratch);
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
                c.host() ? "is --jvm a JDK?" : "run asm/setup-aarch64 once");
    }

    /** Whether this JVM knows a (diagnostic) flag: its -XX:+PrintFlagsFinal lists it. */
    static boolean hasFlag(List<String> java, String flag) {
        List<String> cmd = new ArrayList<>(java);
        cmd.addAll(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+PrintFlagsFinal", "-version"));
        return Disassembly.output(cmd, 300, "the JVM's flag list", "").stream()
                .anyMatch(l -> l.matches("\\s*bool\\s+" + flag + "\\s.*"));
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

    /** The same C, built with aarch64-linux-gnu-gcc -O2; null without a cross compiler (the JVM column only). */
    private Path crossCompiled(Path scratch) {
        Path object = scratch.resolve("ringorder-aarch64.o");
        String include = Path.of(System.getProperty("java.home"), "include").toString();
        List<String> cmd = List.of("aarch64-linux-gnu-gcc", "-O2", "-std=gnu11", "-fPIC", "-c", "-I" + include,
                "-I" + include + "/linux", "-o", object.toString(), nativeSource.toString());
        try {
            Disassembly.output(cmd, 120, "aarch64-linux-gnu-gcc", "");
        } catch (UserError e) {
            if (e.getMessage().startsWith("cannot start")) {
                return null;
            }
            throw e;
        }
        return object;
    }
}
