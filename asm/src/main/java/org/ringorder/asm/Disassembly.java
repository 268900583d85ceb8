package org.ringorder.asm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ringorder.evidence.UserError;
import org.ringorder.launch.ChildProcess;

/**
 * Machine code to the instructions that order memory. HotSpot without hsdis prints each compiled
 * method as hex ({@code [MachCode]} lines, bytes in memory order); binutils' objdump decodes it,
 * and the C library's symbols directly. Kept per architecture: x86_64 ({@code mov} with a memory
 * operand, {@code lock}-prefixed instructions, {@code mfence}, {@code xchg}) and aarch64
 * ({@code ldr}, {@code ldar}, {@code ldapr}, {@code str}, {@code stlr}, every {@code dmb} with its
 * option, {@code ishld} and {@code ishst} included, and the {@code cas}/{@code casal} and exclusive
 * families) and riscv64 (loads and stores, every {@code fence} with its predecessor and successor
 * sets, and the {@code lr}/{@code sc}/{@code amo*} families with their {@code .aq}/{@code .rl} bits).
 */
public final class Disassembly {
    /** An architecture's objdump and its filter. */
    public enum Arch {
        x86_64("x86_64-linux-gnu-objdump", "i386:x86-64"),
        aarch64("aarch64-linux-gnu-objdump", "aarch64"),
        riscv64("riscv64-linux-gnu-objdump", "riscv:rv64");

        /** objdump for this architecture: the machine's own where it is that architecture, else the cross one. */
        public final String objdump;
        public final String machine;

        Arch(String crossObjdump, String machine) {
            this.objdump = name().equals(hostArch()) ? "objdump" : crossObjdump;
            this.machine = machine;
        }

        private static String hostArch() {
            String a = System.getProperty("os.arch");
            return a.equals("amd64") ? "x86_64" : a;
        }

        /** Null when this architecture's objdump runs here; else why not, in a line. */
        public String objdumpUnready() {
            try {
                output(List.of(objdump, "--version"), 30, objdump, "");
                return null;
            } catch (RuntimeException e) {
                return "no " + objdump + " here: install binutils" + (objdump.equals("objdump") ? "" : "-" + machineTriple()
                        + " (asm/setup-jdk " + name() + " does)");
            }
        }

        private String machineTriple() {
            return name().replace('_', '-') + "-linux-gnu";
        }

        public static Arch named(String name) {
            for (Arch a : values()) {
                if (a.name().equals(name)) {
                    return a;
                }
            }
            throw new UserError("unknown --arch '" + name + "': expected x86_64, aarch64 or riscv64");
        }
    }

    private static final Pattern METHOD = Pattern.compile("^Compiled method \\(c2\\)\\s+\\d+\\s+\\d+\\s+(\\S*\\s+)?([\\w.$]+)::(\\w+) \\(");
    // the bytes of one line: groups of 2 to 4 hex digits, split by "|" per instruction, padded on riscv64 (2-byte RVC instructions)
    private static final Pattern HEX_LINE = Pattern.compile("^\\s+0x([0-9a-f]+): ((?:[0-9a-f]{2,4}[\\s|]*)+)$");
    // where the method's own code ends: its stubs follow (on riscv64 with the addresses they load, which decode as noise)
    private static final Pattern MAIN_CODE = Pattern.compile("^\\s*main code\\s+\\[0x([0-9a-f]+),0x([0-9a-f]+)\\]");
    private static final Pattern OBJDUMP_LINE = Pattern.compile("^\\s*([0-9a-f]+):\\s+(?:[0-9a-f]{2,8} )+\\s*(.*)$");

    private Disassembly() {
    }

    /** The code of every C2-compiled method of {@code owner} in PrintAssembly's output: method name to (start address, bytes). */
    public static Map<String, Code> machCode(List<String> output, String owner) {
        Map<String, Code> out = new LinkedHashMap<>();
        String method = null;
        boolean inCode = false;
        long start = -1;
        long mainEnd = -1;
        StringBuilder hex = new StringBuilder();
        for (String line : output) {
            Matcher m = METHOD.matcher(line);
            if (m.find()) {
                boolean osr = m.group(1) != null && m.group(1).contains("%");
                method = !osr && m.group(2).equals(owner) ? m.group(3) : null;
                mainEnd = -1;
                continue;
            }
            Matcher main = MAIN_CODE.matcher(line);
            if (main.find()) {
                mainEnd = Long.parseUnsignedLong(main.group(2), 16);
                continue;
            }
            if (line.startsWith("[MachCode]")) {
                inCode = method != null;
                start = -1;
                hex.setLength(0);
                continue;
            }
            if (line.startsWith("[/MachCode]")) {
                if (inCode && start >= 0) {
                    byte[] bytes = HexFormat.of().parseHex(hex);
                    if (mainEnd > start && mainEnd - start < bytes.length) {
                        bytes = Arrays.copyOf(bytes, (int) (mainEnd - start));
                    }
                    out.putIfAbsent(method, new Code(start, bytes));
                }
                inCode = false;
                continue;
            }
            if (inCode) {
                Matcher h = HEX_LINE.matcher(line);
                if (h.find()) {
                    if (start < 0) {
                        start = Long.parseUnsignedLong(h.group(1), 16);
                    }
                    hex.append(h.group(2).replaceAll("[\\s|]", ""));
                }
            }
        }
        return out;
    }

    /** A method's code: where it starts and its bytes. */
    public record Code(long start, byte[] bytes) {
    }

    /** objdump's instructions for raw code (mnemonic and operands, one per instruction). */
    public static List<String> decode(Arch arch, Code code, Path scratch) {
        try {
            Path bin = Files.createTempFile(scratch, "code", ".bin");
            Files.write(bin, code.bytes());
            List<String> lines = run(List.of(arch.objdump, "-D", "-b", "binary", "-m", arch.machine,
                    "--adjust-vma=0x" + Long.toHexString(code.start()), bin.toString()));
            Files.delete(bin);
            return instructions(arch, lines, false);
        } catch (IOException e) {
            throw new UserError("cannot write scratch files in " + scratch + ": " + e.getMessage());
        }
    }

    /** objdump's instructions for one symbol of an object or library, up to its first return. */
    public static List<String> decodeSymbol(Arch arch, Path library, String symbol) {
        return instructions(arch, run(List.of(arch.objdump, "-d", "--disassemble=" + symbol, library.toString())), true);
    }

    private static List<String> instructions(Arch arch, List<String> objdump, boolean toFirstReturn) {
        // objdump's comments: "# ..." on x86 and riscv64 ("#" never starts an operand there), "// ..." on aarch64 ("#12" is an immediate)
        String comment = arch == Arch.aarch64 ? "\\s*//.*$" : "\\s+#.*$";
        List<String> out = new ArrayList<>();
        for (String line : objdump) {
            Matcher m = OBJDUMP_LINE.matcher(line);
            if (!m.find() || m.group(2).isBlank()) {
                continue;
            }
            String insn = m.group(2).replaceAll(comment, "").replaceAll("\\s+", " ").trim();
            out.add(insn);
            if (toFirstReturn && (insn.equals("ret") || insn.startsWith("ret "))) {
                break;
            }
        }
        return out;
    }

    /**
     * The instructions that order memory or touch the ring: fences and locked instructions always;
     * loads and stores unless they address the stack, the thread, a constant or an object header
     * (HotSpot's bounds-check length load, klass loads), or are the stack bang.
     */
    public static List<String> orderingInstructions(Arch arch, List<String> instructions) {
        List<String> out = new ArrayList<>();
        String previous = "";
        for (String insn : instructions) {
            String op = insn.split(" ")[0];
            String args = insn.substring(op.length()).trim();
            boolean keep = switch (arch) {
                case x86_64 -> x86(op, args);
                case aarch64 -> aarch64(op, args);
                case riscv64 -> riscv64(op, args) && !pcRelative(previous, args);
            };
            if (keep) {
                out.add(insn);
            }
            previous = insn;
        }
        return out;
    }

    private static final Pattern X86_MEMORY = Pattern.compile("(-?0x[0-9a-f]+)?\\((%\\w+)?(,%\\w+)?(,\\d)?\\)");

    private static boolean x86(String op, String args) {
        if (op.equals("lock") || op.endsWith("fence") || op.startsWith("xchg") && args.contains("(")) {
            return true;
        }
        Matcher m = X86_MEMORY.matcher(args);
        if (!op.startsWith("mov") || !m.find()) {
            return false;
        }
        String base = m.group(2) == null ? "" : m.group(2);
        boolean header = m.group(3) == null && ("0x8".equals(m.group(1)) || "0xc".equals(m.group(1)));
        return !base.matches("%(rsp|rbp|r15|rip)") && !header;
    }

    /** The aarch64 instructions that order memory whatever their operands: barriers, and the atomics (cas, casa, casl, casal, ldaxr ...). */
    private static final Pattern AARCH64_ORDERING = Pattern.compile("dmb|dsb|isb|cas[al]*[bh]?|ld[a]?xr[bh]?|st[l]?xr[bh]?|swp[al]*[bh]?"
            + "|ldadd[al]*[bh]?");

    private static boolean aarch64(String op, String args) {
        if (AARCH64_ORDERING.matcher(op).matches()) {
            return true;
        }
        if (!(op.startsWith("ldr") || op.startsWith("ldar") || op.startsWith("ldapr") || op.startsWith("str")
                || op.startsWith("stlr"))) {
            return false;
        }
        if (op.startsWith("str") && args.matches("xzr, \\[x9\\]")) {
            return false; // the stack bang
        }
        int bracket = args.indexOf('[');
        if (bracket < 0) {
            return false; // a literal-pool load
        }
        String mem = args.substring(bracket);
        return !mem.matches("\\[(sp|x28|x29)[,\\]].*") && !mem.matches("\\[x\\d+, #(8|12)\\].*");
    }

    /** The riscv64 instructions that order memory whatever their operands: fences (with their sets) and the A extension's. */
    private static final Pattern RISCV64_ORDERING = Pattern.compile("fence(\\.tso|\\.i)?|(lr|sc|amo\\w+)\\.[wd](\\.aq|\\.rl|\\.aqrl)?");
    private static final Pattern RISCV64_ACCESS = Pattern.compile("(c\\.)?(l[bhwd]u?|s[bhwd])");

    private static boolean riscv64(String op, String args) {
        if (RISCV64_ORDERING.matcher(op).matches()) {
            return true;
        }
        if (!RISCV64_ACCESS.matcher(op).matches()) {
            return false;
        }
        // the stack (sp), the thread (s7: HotSpot's xthread), and object headers (8, 12: klass, array length); not s0,
        // which C2 allocates as any other register
        return !args.matches(".*\\((sp|s7)\\)") && !args.matches(".*,(8|12)\\(\\w+\\)") && !args.equals("zero,0(t0)");
    }

    /** A riscv64 load from the code itself ({@code auipc t0,0x0; lwu t0,156(t0)}: the entry barrier's guard, a call's target), as aarch64's literal pool. */
    private static boolean pcRelative(String previous, String args) {
        if (!previous.startsWith("auipc ")) {
            return false;
        }
        String register = previous.substring(6, previous.indexOf(','));
        return args.endsWith("(" + register + ")");
    }

    private static List<String> run(List<String> cmd) {
        String tool = cmd.get(0);
        return output(cmd, 60, String.join(" ", cmd), "install binutils"
                + (tool.contains("-linux-gnu-") ? "-" + tool.substring(0, tool.indexOf("-linux-gnu-") + 10)
                + " (asm/setup-jdk " + tool.substring(0, tool.indexOf('-')) + " does)" : ""));
    }

    /**
     * A tool's whole output (stdout and stderr); on a failure or after {@code timeoutSeconds}, one
     * line naming {@code what} with the output's last lines, or, when it cannot start, the {@code hint}.
     */
    public static List<String> output(List<String> cmd, long timeoutSeconds, String what, String hint) {
        ChildProcess.Result r;
        try {
            r = ChildProcess.of(what, cmd).limit(Duration.ofSeconds(timeoutSeconds)).capture().run();
        } catch (ChildProcess.Failure f) {
            throw f.kind() == ChildProcess.Failure.Kind.CANNOT_START ? new UserError(f.getMessage() + ": " + hint) : f;
        }
        if (r.exitCode() != 0) {
            throw new UserError(what + " failed: " + r.tail(3));
        }
        return r.output();
    }
}
