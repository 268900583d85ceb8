package org.ringorder.asm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.ringorder.evidence.AsmRecord;
import org.ringorder.evidence.AtomicFiles;
import org.ringorder.evidence.UserError;
import org.ringorder.launch.Jvm;

/**
 * The asm part: each strategy's ordering points compiled by C2 ({@link OrderingPoints} in a JVM of
 * its own, {@code -XX:+PrintAssembly} decoded by objdump) and by gcc (the native backend's
 * {@code ro_point_*} functions), per architecture; aarch64's C2 runs under qemu-aarch64-static.
 */
public final class InstructionEvidence {
    static final String OWNER = OrderingPoints.class.getName();
    /** Each JVM ordering point and the native backend's point that does the same (none for the index and doorbell loads). */
    static final Map<String, String> NATIVE_POINT = new LinkedHashMap<>();

    static {
        NATIVE_POINT.put("publishDirty", "publish_lone");
        NATIVE_POINT.put("observeDirty", "observe");
        NATIVE_POINT.put("markReset", "publish");
        NATIVE_POINT.put("observeReset", "observe");
        NATIVE_POINT.put("invalidate", "publish");
        NATIVE_POINT.put("publishResetIndex", "publish_index");
        NATIVE_POINT.put("observeResetIndex", null);
        NATIVE_POINT.put("ringDoorbell", "publish_index");
        NATIVE_POINT.put("observeDoorbell", null);
        NATIVE_POINT.put("afterBatchObserve", "after_batch_observe");
        NATIVE_POINT.put("beforeBatchPublish", "before_batch_publish");
    }

    private final Jvm jvm;
    private final Path aarch64Java;
    private final Path nativeSource;

    /**
     * @param jvm          the JDK whose C2 compiles the host's points
     * @param aarch64Java  the wrapper that runs the arm64 JDK under QEMU ({@code asm/java-aarch64})
     * @param nativeSource the native backend's C ({@code native/src/main/c/ringorder.c}), cross-compiled for aarch64
     */
    public InstructionEvidence(Jvm jvm, Path aarch64Java, Path nativeSource) {
        this.jvm = jvm;
        this.aarch64Java = aarch64Java;
        this.nativeSource = nativeSource;
    }

    /** Null when the arm64 JDK runs under QEMU here; else why not. */
    public String aarch64Unready() {
        try {
            Disassembly.output(List.of(aarch64Java.toString(), "-version"), 120, "the arm64 JDK under QEMU", "");
            return null;
        } catch (RuntimeException e) {
            return "no arm64 JDK under QEMU here: run asm/setup-aarch64 once (as root; it installs qemu-user-static and an arm64 OpenJDK)";
        }
    }

    /** Every (arch, backend, strategy, point) record. */
    public List<AsmRecord> run(List<Disassembly.Arch> archs, List<String> strategies, String hostArch, Consumer<String> say) {
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
                if (!host && aarch64Unready() != null) {
                    throw new UserError("--arch aarch64: " + aarch64Unready());
                }
                Path library = host ? hostLibrary(scratch) : crossCompiled(scratch);
                for (String s : strategies) {
                    say.accept("ringorder: asm " + arch + ": " + s + " (C2" + (host ? "" : " under qemu-aarch64-static") + ")");
                    Map<String, Disassembly.Code> code = Disassembly.machCode(printAssembly(host, s), OWNER);
                    for (String point : NATIVE_POINT.keySet()) {
                        Disassembly.Code c = code.get(point);
                        if (c == null) {
                            throw new UserError("C2 did not print " + OWNER + "::" + point + " for " + s + " on " + arch);
                        }
                        rows.add(row(arch, "jvm", host ? jvm.toString() : "arm64 OpenJDK 17 (QEMU)", s, point,
                                Disassembly.decode(arch, c, scratch)));
                        String nativePoint = NATIVE_POINT.get(point);
                        if (library != null && nativePoint != null) {
                            String symbol = "ro_point_" + nativePoint + "_" + s.replace('-', '_');
                            rows.add(row(arch, "native", "gcc -O2", s, point, Disassembly.decodeSymbol(arch, library, symbol)));
                        }
                    }
                }
            }
        } finally {
            AtomicFiles.deleteQuietly(scratch);
        }
        return rows;
    }

    private static AsmRecord row(Disassembly.Arch arch, String backend, String compiler, String strategy, String point,
                                 List<String> all) {
        return new AsmRecord(arch.name(), backend, compiler, strategy, point, Disassembly.orderingInstructions(arch, all), all);
    }

    /** PrintAssembly's output for one strategy's ordering points, C2 only, each point out of line. */
    private List<String> printAssembly(boolean host, String strategy) {
        List<String> options = List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:-TieredCompilation", "-Xbatch",
                "-Dringorder.strategy=" + strategy, "-XX:CompileCommand=quiet",
                "-XX:CompileCommand=dontinline," + OWNER + "::*", "-XX:CompileCommand=print," + OWNER + "::*");
        List<String> cmd = host ? jvm.mainOfThisClasspath(null, options, OWNER, List.of())
                : arm64Command(options);
        return Disassembly.output(cmd, 600, "the asm JVM for " + strategy, host ? "is --jvm a JDK?" : "run asm/setup-aarch64 once");
    }

    private List<String> arm64Command(List<String> options) {
        List<String> cmd = new ArrayList<>(List.of(aarch64Java.toString()));
        cmd.addAll(options);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), OWNER));
        return cmd;
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
