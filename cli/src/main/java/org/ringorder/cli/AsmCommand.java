package org.ringorder.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.ringorder.results.AsmTable;
import org.ringorder.results.AtomicFiles;
import org.ringorder.results.Run;
import org.ringorder.results.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ringorder asm}: the instructions each strategy's ordering points compile to, by C2 (the
 * JVM backend) and by gcc (the native backend), on x86_64 and, under QEMU, aarch64.
 */
@Command(name = "asm", mixinStandardHelpOptions = true,
        description = {"Compiles each strategy's ordering points with C2 (-XX:+PrintAssembly, decoded by objdump) and with "
                + "gcc (the native backend), and prints per ordering point the instructions that order memory.",
                "Writes asm.json into --out (default: a new results/asm-<time>/). aarch64 runs C2 under qemu-aarch64-static: "
                        + "set it up once with asm/setup-aarch64."})
final class AsmCommand implements Callable<Integer> {
    static final String FILE = Run.ASM;
    static final String OWNER = "org.ringorder.asm.OrderingPoints";
    /** Each JVM ordering point and the native backend's point that does the same. */
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

    @Spec
    CommandSpec spec;

    @Option(names = "--arch", split = ",", paramLabel = "NAME", description = "x86_64, aarch64 (default: this machine's, "
            + "and aarch64 too where asm/setup-aarch64 has run).")
    List<String> arches;

    @Mixin
    StrategyOptions which = new StrategyOptions();

    @Mixin
    JvmOptions where = new JvmOptions();

    @Override
    public Integer call() {
        List<String> names = which.names();
        List<Disassembly.Arch> archs = arches == null || arches.isEmpty() ? defaultArches(null)
                : arches.stream().map(Disassembly.Arch::named).toList();
        Jvm jvm = where.jvm();
        Path dir = which.directory("asm");
        if (Files.exists(dir.resolve(FILE))) {
            throw new UserError(dir.resolve(FILE) + " already exists: choose another --out (earlier results are never overwritten)");
        }
        JsonArray rows = run(jvm, archs, names, dir, spec.commandLine().getErr());
        AtomicFiles.writeString(dir.resolve(FILE), new GsonBuilder().setPrettyPrinting().create().toJson(rows));
        PrintWriter o = spec.commandLine().getOut();
        table(rows, o);
        o.println("results: " + dir.resolve(FILE));
        o.flush();
        return 0;
    }

    /** This machine's architecture, and aarch64 where its emulation is set up (else says so on {@code err}). */
    static List<Disassembly.Arch> defaultArches(PrintWriter err) {
        List<Disassembly.Arch> a = new ArrayList<>();
        a.add(Disassembly.Arch.named(EnvProbe.arch()));
        if (a.get(0) != Disassembly.Arch.aarch64) {
            if (aarch64Ready() == null) {
                a.add(Disassembly.Arch.aarch64);
            } else if (err != null) {
                err.println("ringorder: asm for aarch64 skipped: " + aarch64Ready());
                err.flush();
            }
        }
        return a;
    }

    /** Null when asm/java-aarch64 runs here; else why not. */
    static String aarch64Ready() {
        Path wrapper = Home.dir().resolve("asm/java-aarch64");
        try {
            Process p = new ProcessBuilder(wrapper.toString(), "-version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return null;
            }
        } catch (IOException e) {
            // below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "no arm64 JDK under QEMU here: run asm/setup-aarch64 once (as root; it installs qemu-user-static and an arm64 OpenJDK)";
    }

    /** Every (arch, backend, strategy, point) row. */
    static JsonArray run(Jvm jvm, List<Disassembly.Arch> archs, List<String> names, Path dir, PrintWriter err) {
        JsonArray rows = new JsonArray();
        Path scratch;
        try {
            scratch = Files.createTempDirectory("ringorder-asm");
        } catch (IOException e) {
            throw new UserError("cannot create a scratch directory: " + e.getMessage());
        }
        try {
            for (Disassembly.Arch arch : archs) {
                boolean host = arch.name().equals(EnvProbe.arch());
                if (!host && aarch64Ready() != null) {
                    throw new UserError("--arch aarch64: " + aarch64Ready());
                }
                Path library = nativeLibrary(arch, scratch);
                for (String s : names) {
                    err.printf("ringorder: asm %s: %s (C2%s)%n", arch, s, host ? "" : " under qemu-aarch64-static");
                    err.flush();
                    Map<String, Disassembly.Code> code = Disassembly.machCode(printAssembly(jvm, host, s), OWNER);
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
            try {
                LitmusCommand.deleteRecursively(scratch);
            } catch (IOException ignored) {
                // a scratch directory under /tmp
            }
        }
        return rows;
    }

    private static JsonObject row(Disassembly.Arch arch, String backend, String compiler, String strategy, String point,
                                  List<String> all) {
        JsonObject r = new JsonObject();
        r.addProperty("arch", arch.name());
        r.addProperty("backend", backend);
        r.addProperty("compiler", compiler);
        r.addProperty("strategy", strategy);
        r.addProperty("point", point);
        JsonArray ordering = new JsonArray();
        Disassembly.orderingInstructions(arch, all).forEach(ordering::add);
        r.add("instructions", ordering);
        JsonArray whole = new JsonArray();
        all.forEach(whole::add);
        r.add("code", whole);
        return r;
    }

    /** PrintAssembly's output for one strategy's ordering points, C2 only, each point out of line. */
    private static List<String> printAssembly(Jvm jvm, boolean host, String strategy) {
        List<String> cmd = new ArrayList<>();
        if (host) {
            cmd.add(jvm.java.toString());
        } else {
            cmd.add(Home.dir().resolve("asm/java-aarch64").toString());
        }
        cmd.addAll(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:-TieredCompilation", "-Xbatch",
                "-Dringorder.strategy=" + strategy, "-XX:CompileCommand=quiet",
                "-XX:CompileCommand=dontinline," + OWNER + "::*", "-XX:CompileCommand=print," + OWNER + "::*",
                "-cp", Home.benchmarksJar().toString(), OWNER));
        return Disassembly.output(cmd, 600, "the asm JVM for " + strategy,
                host ? "is --jvm a JDK?" : "run asm/setup-aarch64 once");
    }

    /** The native backend's code for this architecture: the built library, or the same C cross-compiled; null without it. */
    private static Path nativeLibrary(Disassembly.Arch arch, Path scratch) {
        if (arch.name().equals(EnvProbe.arch())) {
            Path lib = Home.dir().resolve("native/target/classes/org/ringorder/jni/linux-"
                    + System.getProperty("os.arch") + "/libringorder.so");
            return Files.isRegularFile(lib) ? lib : null;
        }
        Path object = scratch.resolve("ringorder-aarch64.o");
        String include = Path.of(System.getProperty("java.home"), "include").toString();
        List<String> cmd = List.of("aarch64-linux-gnu-gcc", "-O2", "-std=gnu11", "-fPIC", "-c", "-I" + include,
                "-I" + include + "/linux", "-o", object.toString(), Home.dir().resolve("native/src/main/c/ringorder.c").toString());
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String said = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new UserError("aarch64-linux-gnu-gcc failed: " + said.lines().findFirst().orElse(""));
            }
            return object;
        } catch (IOException e) {
            return null; // no cross compiler: the JVM column only
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted");
        }
    }

    /** Strategy by strategy, one line per ordering point, one column per (arch, backend). */
    static void table(JsonArray rows, PrintWriter o) {
        AsmTable table = AsmTable.of(rows.asList().stream().map(e -> e.getAsJsonObject()).toList());
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-34s", "strategy / ordering point"));
        table.columns().forEach(c -> head.append(String.format(Locale.ROOT, " | %-44s", c)));
        o.println(head);
        table.rows().forEach((row, byCol) -> {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-34s", row.strategy() + " " + row.point()));
            table.columns().forEach(c -> line.append(String.format(Locale.ROOT, " | %-44s", byCol.getOrDefault(c, ""))));
            o.println(line);
        });
    }
}
