package org.ringorder.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringorder.strategy.DeclaresModes;
import org.ringorder.strategy.KernelSide;
import org.ringorder.strategy.Mode;
import org.ringorder.strategy.OrderingPoint;
import org.ringorder.strategy.Roles;
import org.ringorder.strategy.Strategies;

/**
 * The JVM's and the C userspace models have the same kernel side: under {@code --roles userspace}
 * each kernel ordering point of the JVM's kernel side ({@link Roles#kernel}, LinuxKernel), as the
 * access modes and fences it declares (ModesTest holds them to its bytecode), compiles to the
 * instructions gcc emits for the native backend's Linux kernel side ({@code ro_point_*_linux}), on
 * x86_64 and, where the build cross-compiled the library, aarch64 and riscv64. On aarch64 every access mode has its own instruction, so a
 * C side that drifted (a release store for push's flags, say, where Linux has {@code smp_wmb()}
 * and a plain store) fails here.
 */
class UserspaceKernelSideTest {
    /** The C symbol suffix of Linux's kernel side (ringorder.c's NAME(x) x##_linux). */
    private static final String LINUX = "linux";

    /** What each access mode or fence compiles to, per architecture, as gcc and C2 both map the modes. */
    private static final Map<Mode, String> AARCH64 = new EnumMap<>(Mode.class);
    private static final Map<Mode, String> X86_64 = new EnumMap<>(Mode.class);
    /** gcc 12's riscv64 mappings: a mode can be several instructions ("; "); every thread fence is a full one. */
    private static final Map<Mode, String> RISCV64 = new EnumMap<>(Mode.class);

    static {
        mode(Mode.PLAIN_LOAD, "ldr", "load", "load");
        mode(Mode.OPAQUE_LOAD, "ldr", "load", "load");
        mode(Mode.ACQUIRE_LOAD, "ldar", "load", "load; fence");
        mode(Mode.VOLATILE_LOAD, "ldar", "load", "fence; load; fence");
        mode(Mode.PLAIN_STORE, "str", "store", "store");
        mode(Mode.OPAQUE_STORE, "str", "store", "store");
        mode(Mode.RELEASE_STORE, "stlr", "store", "fence iorw,ow; amoswap.w");
        mode(Mode.VOLATILE_STORE, "stlr", "xchg", "fence iorw,ow; amoswap.w.aq");
        mode(Mode.STORE_STORE_FENCE, "dmb ishst", null, "fence w,w"); // Linux's smp_wmb(), written as riscv's kernel does
        mode(Mode.LOAD_LOAD_FENCE, "dmb ishld", null, "fence");
        mode(Mode.ACQUIRE_FENCE, "dmb ishld", null, "fence");
        mode(Mode.RELEASE_FENCE, "dmb ish", null, "fence");
        mode(Mode.FULL_FENCE, "dmb ish", "mfence", "fence");
    }

    private static void mode(Mode mode, String aarch64, String x86, String riscv64) {
        AARCH64.put(mode, aarch64);
        X86_64.put(mode, x86);
        RISCV64.put(mode, riscv64);
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
                // its modes as LinuxKernel declares them (ModesTest holds each declaration to the bytecode)
                List<Mode> javaAccesses = ((DeclaresModes) jvm).modes().at(point).orElseThrow();
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

    private static String expectedInstruction(Disassembly.Arch arch, Mode access) {
        Map<Mode, String> modes = switch (arch) {
            case aarch64 -> AARCH64;
            case riscv64 -> RISCV64;
            case x86_64 -> X86_64;
        };
        assertTrue(modes.containsKey(access), "no instruction known for the mode " + access);
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
