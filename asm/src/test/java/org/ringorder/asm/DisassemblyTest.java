package org.ringorder.asm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PrintAssembly's hex and objdump's text, as HotSpot 17 and binutils print them. */
class DisassemblyTest {
    @Test
    void machCodeIsReadPerMethodInMemoryOrderSkippingOsrAndOtherClasses() {
        List<String> out = List.of(
                "Compiled method (c2)      95   56             org.ringorder.asm.OrderingPoints::publishDirty (14 bytes)",
                "[MachCode]",
                "  0x00007fe5f9472da0: 8984 2400 | c0fe ff55 ",
                "  0x00007fe5f9472da8: ; implicit exception: dispatches to 0x00007fe5f9472de4",
                "  0x00007fe5f9472da8: c3",
                "[/MachCode]",
                "Compiled method (c2)     109   78 %           org.ringorder.asm.OrderingPoints::main @ 37 (146 bytes)",
                "[MachCode]",
                "  0x00007fe5f9470000: 90",
                "[/MachCode]",
                "Compiled method (c2)     110   79             java.lang.String::hashCode (49 bytes)",
                "[MachCode]",
                "  0x00007fe5f9471000: 90",
                "[/MachCode]");
        Map<String, Disassembly.Code> code = Disassembly.machCode(out, InstructionEvidence.OWNER);
        assertEquals(List.of("publishDirty"), List.copyOf(code.keySet()));
        assertEquals(0x00007fe5f9472da0L, code.get("publishDirty").start());
        assertArrayEquals(new byte[] {(byte) 0x89, (byte) 0x84, 0x24, 0x00, (byte) 0xc0, (byte) 0xfe, (byte) 0xff, 0x55,
            (byte) 0xc3}, code.get("publishDirty").bytes());
    }

    @Test
    void x86KeepsRingAccessesAndOrderingButNotStackThreadOrHeaders() {
        List<String> all = List.of("mov %eax,-0x14000(%rsp)", "push %rbp", "mov 0xc(%rsi),%r11d", "cmp %r11d,%edx",
                "movl $0x2,0x10(%rsi,%rdx,4)", "lock addl $0x0,-0x40(%rsp)", "mov 0x90(%rsi),%eax", "cmp 0x340(%r15),%rsp",
                "mov 0x340(%r15),%r10", "xchg %esi,(%rdi)", "mfence", "ret");
        assertEquals(List.of("movl $0x2,0x10(%rsi,%rdx,4)", "lock addl $0x0,-0x40(%rsp)", "mov 0x90(%rsi),%eax",
                "xchg %esi,(%rdi)", "mfence"), Disassembly.orderingInstructions(Disassembly.Arch.x86_64, all));
    }

    @Test
    void aarch64KeepsRingAccessesAndBarriersButNotStackThreadHeadersOrTheStackBang() {
        List<String> all = List.of("nop", "sub x9, sp, #0x14, lsl #12", "str xzr, [x9]", "stp x29, x30, [sp, #16]",
                "ldr w10, [x1, #12]", "add x10, x1, x2, lsl #4", "ldar w0, [x10]", "dmb ish", "str w2, [x1, #144]",
                "stlr w11, [x10]", "ldr x8, [x28, #832]", "ldr w0, [sp, #8]", "ret");
        assertEquals(List.of("ldar w0, [x10]", "dmb ish", "str w2, [x1, #144]", "stlr w11, [x10]"),
                Disassembly.orderingInstructions(Disassembly.Arch.aarch64, all));
    }

    /** JDK 23+'s split release barrier, load-acquire RCpc, and the atomics' families, as objdump spells them. */
    @Test
    void aarch64KeepsEveryBarrierOptionLdaprStlrLdarAndTheCasalFamily() {
        List<String> all = List.of("dmb ishld", "dmb ishst", "str w2, [x1, #144]", "ldapr w0, [x10]", "stlr w11, [x10]",
                "ldar w3, [x12]", "casal w0, w1, [x2]", "cas w0, w1, [x2]", "casa x0, x1, [x3]", "casl w4, w5, [x6]",
                "ldaxr w0, [x1]", "stlxr w2, w3, [x1]", "mov w0, #0x1", "cbnz w2, 0x40", "ret");
        assertEquals(List.of("dmb ishld", "dmb ishst", "str w2, [x1, #144]", "ldapr w0, [x10]", "stlr w11, [x10]",
                "ldar w3, [x12]", "casal w0, w1, [x2]", "cas w0, w1, [x2]", "casa x0, x1, [x3]", "casl w4, w5, [x6]",
                "ldaxr w0, [x1]", "stlxr w2, w3, [x1]"), Disassembly.orderingInstructions(Disassembly.Arch.aarch64, all));
    }
}
