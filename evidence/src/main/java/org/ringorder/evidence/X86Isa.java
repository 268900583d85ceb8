package org.ringorder.evidence;

import java.util.EnumSet;
import org.ringorder.strategy.Order.Pair;

/**
 * x86_64 under TSO, in objdump's AT&T syntax: every load is an acquire and every store a release
 * in hardware, so a plain {@code mov} keeps every order but one: a store before a later load (the
 * store buffer). A {@code lock}-prefixed instruction, {@code xchg} with memory (locked without the
 * prefix) and {@code mfence} keep that one too. A locked instruction on the stack ({@code lock addl
 * $0x0,-0x40(%rsp)}, C2's and gcc's full fence) is a fence and no ring access.
 */
final class X86Isa implements Isa {
    public String arch() {
        return "x86_64";
    }

    public Effect effect(String instruction) {
        String op = Isa.op(instruction);
        String args = Isa.operands(instruction);
        boolean memory = args.contains("(");
        boolean stack = args.matches(".*\\(%(rsp|rbp)[,)].*");
        if (op.equals("lock") || op.startsWith("xchg") && memory) {
            return stack ? Effect.barrier(Pair.ALL) : Effect.readModifyWrite().acquiring(true).releasing().fencing(Pair.ALL);
        }
        switch (op) {
            case "mfence":
                return Effect.barrier(Pair.ALL);
            case "sfence":
                return Effect.barrier(EnumSet.of(Pair.STORE_STORE));
            case "lfence":
                return Effect.barrier(EnumSet.of(Pair.LOAD_LOAD));
            default:
                break;
        }
        if (!memory || stack) {
            return Effect.NONE;
        }
        // AT&T: the destination is the last operand; a memory destination is a store (of a read-modify-write when not a mov)
        boolean store = args.endsWith(")");
        Effect e = !store ? Effect.load() : op.startsWith("mov") ? Effect.store() : Effect.readModifyWrite();
        return tso(e);
    }

    /** TSO: loads acquire, stores release; no RCsc pairing, so a store may still pass to after a later load. */
    private static Effect tso(Effect e) {
        Effect out = e.loads() ? e.acquiring(false) : e;
        return e.stores() ? out.releasingRcpc() : out;
    }

    public String plainLoad() {
        return "mov (%rdi),%eax";
    }

    public String plainStore() {
        return "mov %eax,(%rdi)";
    }
}
