package org.ringorder.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The claim's setting, defined once, as the decision plans it and pick says it. */
class ClaimSettingTest {
    @Test
    void theDecisionAsksJmhForTheSettingCostsReads() {
        assertEquals(List.of("-p", "reference=plain", "-p", "ringSize=4096", "-p", "vcpus=1", "-p", "roles=all", "-p",
                "pattern=sequential"), ClaimSetting.CLAIM.jmhParams());
        assertEquals("acquire-load", Pick.CLAIMED);
        assertEquals(Costs.REFERENCE, ClaimSetting.CLAIM.reference());
    }

    @Test
    void pickSaysTheSettingInOneForm() {
        assertEquals("ringSize 4096, vcpus 1, roles all, pattern sequential", ClaimSetting.CLAIM.words());
    }
}
