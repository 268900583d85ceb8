package org.ringorder.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringorder.strategy.KernelSide;
import org.ringorder.strategy.OrderingPoint;
import org.ringorder.strategy.Roles;
import org.ringorder.strategy.Strategies;

/**
 * The JVM's and the C userspace models have the same kernel side: under {@code --roles userspace}
 * each kernel ordering point of the JVM's kernel side ({@link Roles#kernel}, LinuxKernel), read
 * from its bytecode as the accesses and fences it makes, compiles to the instructions gcc emits for
 * the native backend's Linux kernel side ({@code ro_point_*_linux}), on x86_64 and, where the build
 * cross-compiled the library, aarch64. On aarch64 every access mode has its own instruction, so a
 * C side that drifted (a release store for push's flags, say, where Linux has {@code smp_wmb()}
 * and a plain store) fails here.
 */
class UserspaceKernelSideTest {
    /** The C symbol suffix of Linux's kernel side (ringorder.c's NAME(x) x##_linux). */
    private static final String LINUX = "linux";

    /** What each Java access or fence compiles to, per architecture, as gcc and C2 both map the modes. */
    private static final Map<String, String> AARCH64 = new LinkedHashMap<>();
    private static final Map<String, String> X86_64 = new LinkedHashMap<>();
    /** gcc 12's riscv64 mappings: an access or fence can be several instructions ("; "); every thread fence is a full one. */
    private static final Map<String, String> RISCV64 = new LinkedHashMap<>();

    static {
        for (String load : List.of("flags", "get", "slot", "offset")) {
            mode(load, "ldr", "load", "load");
            mode(load + "Opaque", "ldr", "load", "load");
            mode(load + "Acquire", "ldar", "load", "load; fence");
            mode(load + "Volatile", "ldar", "load", "fence; load; fence");
        }
        for (String store : List.of("setFlags", "set")) {
            mode(store, "str", "store", "store");
            mode(store + "Opaque", "str", "store", "store");
            mode(store + "Release", "stlr", "store", "fence iorw,ow; amoswap.w");
            mode(store + "Volatile", "stlr", "xchg", "fence iorw,ow; amoswap.w.aq");
        }
        mode("storeStoreFence", "dmb ishst", null, "fence w,w"); // Linux's smp_wmb(), written as riscv's kernel does
        mode("loadLoadFence", "dmb ishld", null, "fence");
        mode("acquireFence", "dmb ishld", null, "fence");
        mode("releaseFence", "dmb ish", null, "fence");
        mode("fullFence", "dmb ish", "mfence", "fence");
    }

    private static void mode(String access, String aarch64, String x86, String riscv64) {
        AARCH64.put(access, aarch64);
        X86_64.put(access, x86);
        RISCV64.put(access, riscv64);
    }

    @Test
    void theNativeKernelSideOrdersEachPointAsLinuxKernelDoes(@TempDir Path scratch) throws Exception {
        KernelSide jvm = Roles.USERSPACE.kernel(Strategies.byName("plain"));
        List<Disassembly.Arch> checked = new ArrayList<>();
        for (Disassembly.Arch arch : Disassembly.Arch.values()) {
            Optional<Path> library = library(arch, scratch);
            if (library.isEmpty() || arch.objdumpUnready() != null) {
                continue;
            }
            checked.add(arch);
            for (OrderingPoint point : kernelPoints()) {
                List<String> javaAccesses = accesses(jvm.getClass(), point.method());
                List<String> expected = javaAccesses.stream().map(a -> expectedInstruction(arch, a)).filter(i -> i != null)
                        .flatMap(i -> Arrays.stream(i.split("; "))).toList();
                String symbol = "ro_point_" + InstructionEvidence.NATIVE_POINT.get(point) + "_" + LINUX;
                List<String> gcc = Disassembly.orderingInstructions(arch, Disassembly.decodeSymbol(arch, library.get(), symbol))
                        .stream().map(i -> kind(arch, i)).toList();
                assertEquals(expected, gcc, arch + " " + point + ": LinuxKernel does " + javaAccesses + ", the C does " + gcc);
            }
        }
        assumeTrue(!checked.isEmpty(), "skipped: no native library or objdump here");
    }

    /** The reading itself: push's smp_wmb() is in LinuxKernel's bytecode, and tells it apart from acquire-load's. */
    @Test
    void theBytecodeShowsEachPointsAccessesAndFences() throws Exception {
        KernelSide linux = Roles.USERSPACE.kernel(Strategies.byName("plain"));
        assertEquals(List.of("storeStoreFence", "setFlags"), accesses(linux.getClass(), "publishDirty"));
        assertEquals(List.of("setFlagsRelease"), accesses(Strategies.byName("acquire-load").getClass(), "publishDirty"));
        assertEquals(List.of("fullFence", "set"), accesses(Strategies.byName("batched-fence").getClass(), "publishResetIndex"));
        assertEquals(List.of(), accesses(linux.getClass(), "afterBatchObserve"), "Batching's default: no order");
        assertEquals(List.of("dmb ishst", "str"), accesses(linux.getClass(), "publishDirty").stream()
                .map(a -> expectedInstruction(Disassembly.Arch.aarch64, a)).toList());
    }

    /**
     * The kernel's ordering points that the native backend has too: the asm part's points
     * ({@link InstructionEvidence#NATIVE_POINT}) that {@link KernelSide} declares.
     */
    static List<OrderingPoint> kernelPoints() {
        List<OrderingPoint> points = InstructionEvidence.NATIVE_POINT.keySet().stream()
                .filter(p -> p.side() == OrderingPoint.Side.KERNEL).toList();
        assertTrue(points.containsAll(List.of(OrderingPoint.PUBLISH_DIRTY, OrderingPoint.OBSERVE_RESET, OrderingPoint.INVALIDATE,
                OrderingPoint.PUBLISH_RESET_INDEX)), points.toString());
        return points;
    }

    private static String expectedInstruction(Disassembly.Arch arch, String access) {
        Map<String, String> modes = switch (arch) {
            case aarch64 -> AARCH64;
            case riscv64 -> RISCV64;
            case x86_64 -> X86_64;
        };
        assertTrue(modes.containsKey(access), "no instruction known for the Java access " + access);
        return modes.get(access);
    }

    /**
     * One ordering instruction as its kind: aarch64's mnemonic (a dmb with its option); riscv64's load or store, a fence
     * with its sets, an AMO's mnemonic; x86's load, store or fence.
     */
    private static String kind(Disassembly.Arch arch, String insn) {
        String op = insn.split(" ")[0];
        if (arch == Disassembly.Arch.aarch64) {
            return op.equals("dmb") ? insn : op;
        }
        if (arch == Disassembly.Arch.riscv64) {
            return op.matches("l[bhwd]u?") ? "load" : op.matches("s[bhwd]") ? "store" : op.equals("fence") ? insn : op;
        }
        if (op.startsWith("mov")) {
            return insn.endsWith(")") ? "store" : "load";
        }
        return op.startsWith("xchg") ? "xchg" : op;
    }

    private static final Pattern METHOD = Pattern.compile("^  \\S.*?(\\w+)\\(.*\\);$");
    private static final Pattern CALL = Pattern.compile("// (?:Interface)?Method ([\\w/$]+)\\.(\\w+):");
    private static final List<String> ORDERED = List.of("org/ringorder/memory/Gfns", "org/ringorder/memory/SharedIndex",
            "java/lang/invoke/VarHandle");

    /** The memory accesses and fences a kernel side's method makes, in order, from javap of the class that declares it. */
    static List<String> accesses(Class<?> side, String point) throws IOException, URISyntaxException {
        Method m = Arrays.stream(side.getMethods()).filter(x -> x.getName().equals(point)).findFirst().orElseThrow();
        Class<?> owner = m.getDeclaringClass();
        ToolProvider javap = ToolProvider.findFirst("javap").orElse(null);
        assumeTrue(javap != null, "skipped: this JDK has no javap");
        StringWriter out = new StringWriter();
        Path classes = Path.of(owner.getProtectionDomain().getCodeSource().getLocation().toURI());
        int rc = javap.run(new PrintWriter(out), new PrintWriter(out), "-c", "-p", "-cp", classes.toString(), owner.getName());
        assertEquals(0, rc, out.toString());
        List<String> calls = new ArrayList<>();
        boolean inPoint = false;
        for (String line : out.toString().split("\n")) {
            Matcher header = METHOD.matcher(line);
            if (header.find()) {
                inPoint = header.group(1).equals(point);
                continue;
            }
            Matcher call = CALL.matcher(line);
            if (inPoint && call.find() && ORDERED.contains(call.group(1))) {
                calls.add(call.group(2));
            }
        }
        assertFalse(calls.isEmpty() && !owner.isInterface(), owner.getSimpleName() + "." + point + " makes no access");
        return calls;
    }

    /** The native library the build made for an architecture, out of ringorder-native's classes; empty where it was not built. */
    private static Optional<Path> library(Disassembly.Arch arch, Path scratch) throws IOException {
        String dir = arch == Disassembly.Arch.x86_64 ? "amd64" : arch.name();
        try (InputStream in = UserspaceKernelSideTest.class.getClassLoader().getResourceAsStream("org/ringorder/jni/linux-" + dir + "/libringorder.so")) {
            if (in == null) {
                return Optional.empty();
            }
            Path lib = scratch.resolve(arch + "-libringorder.so");
            Files.copy(in, lib);
            return Optional.of(lib);
        }
    }
}
