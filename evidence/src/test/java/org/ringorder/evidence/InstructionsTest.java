package org.ringorder.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The mnemonics pick quotes keep what says what an instruction orders, on every architecture. */
class InstructionsTest {
    @Test
    void mnemonicsKeepBarrierOptionsFenceSetsAndSuffixes() {
        assertEquals("dmb ishst+dmb ishld+str", Instructions.mnemonics(List.of("dmb ishst", "dmb ishld", "str w10, [x11, #16]")));
        assertEquals("mov+lock addl", Instructions.mnemonics(List.of("mov %edx,0x90(%rsi)", "lock addl $0x0,-0x40(%rsp)")));
        assertEquals("fence rw,w+sw+fence rw,rw", Instructions.mnemonics(List.of("fence rw,w", "sw a5,16(a1)", "fence rw,rw")));
        assertEquals("lr.w.aq+sc.w.rl+amoswap.w.aqrl+fence.tso",
                Instructions.mnemonics(List.of("lr.w.aq a5,(a0)", "sc.w.rl a4,a5,(a0)", "amoswap.w.aqrl zero,a5,(a0)", "fence.tso")));
        assertEquals("-", Instructions.mnemonics(List.of()));
    }
}
