package org.ringorder.evidence;

import java.util.List;
import java.util.Optional;

/**
 * One architecture's instructions as ordering data: what each instruction, as objdump prints it
 * with its operands, does to its thread's order ({@link Effect}). The emitted-ordering check
 * ({@link EmittedOrder}) and pick's reading of the asm part ({@link Instructions}) both read
 * instructions only through this.
 */
public interface Isa {
    /** Every architecture with a table, by the name asm.json records: one class each. */
    List<Isa> ALL = List.of(new X86Isa(), new Aarch64Isa(), new Riscv64Isa());

    /** asm.json's {@code arch}, e.g. {@code riscv64}. */
    String arch();

    /** What the instruction does to memory order: {@link Effect#NONE} for one that neither accesses the ring nor fences. */
    Effect effect(String instruction);

    /** A plain load and a plain store, in this architecture's syntax: the thread's accesses around a point. */
    String plainLoad();

    String plainStore();

    /**
     * The table a record's code is read by: its architecture's, but riscv64's code for Ztso
     * ({@code -XX:+UseZtso}, valid only on Ztso hardware) by that hardware's rules, TSO.
     */
    static Optional<Isa> of(AsmRecord r) {
        if (r.arch().equals("riscv64") && r.setting() != null && r.setting().contains("+UseZtso")) {
            return Optional.of(Riscv64Isa.ZTSO);
        }
        return of(r.arch());
    }

    /**
     * Whether a read-modify-write is one memory operation that a fence orders when either of its
     * kinds is in the fence's set (RVWMO's AMOs); else the fence must order both its load and its store.
     */
    default boolean rmwIsOneOperation() {
        return false;
    }

    /** The table for an architecture, if there is one. */
    static Optional<Isa> of(String arch) {
        return ALL.stream().filter(i -> i.arch().equals(arch)).findFirst();
    }

    /** The mnemonic: the instruction's first word. */
    static String op(String instruction) {
        return instruction.split(" ")[0];
    }

    /** The operands: what follows the mnemonic. */
    static String operands(String instruction) {
        return instruction.substring(op(instruction).length()).trim();
    }
}
