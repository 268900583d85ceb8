package org.ringorder.litmus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.infra.StateCase;
import org.openjdk.jcstress.infra.TestInfo;
import org.openjdk.jcstress.infra.runners.TestList;
import org.ringorder.strategy.Safety;
import org.ringorder.strategy.Strategies;

/**
 * The jcstress tests and the safety table pick uses must say the same: every strategy has a test
 * of every shape, and each test's bad outcome is FORBIDDEN exactly where the table says the JMM
 * forbids it, with the table's reason as its description.
 */
class ExpectationsTest {
    static final String BROKEN = "org.ringorder.litmus.broken.";

    @Test
    void everyTestAgreesWithTheSafetyTable() throws Exception {
        Set<String> seen = new HashSet<>();
        for (String name : TestList.tests()) {
            if (name.startsWith(BROKEN)) {
                continue; // the harness's own check, not a strategy
            }
            TestInfo info = TestList.getInfo(name);
            Litmus test = (Litmus) Class.forName(info.binaryName()).getConstructor().newInstance();
            Safety.Expectation e = Safety.expect(test.strategy(), test.shape());
            StateCase bad = LitmusMain.badCase(info);
            assertEquals(e.forbidden() ? Expect.FORBIDDEN : Expect.ACCEPTABLE_INTERESTING, bad.expect(), name);
            assertEquals(e.reason(), info.description(), name);
            assertEquals(1, info.cases().stream().filter(c -> c.expect() != Expect.ACCEPTABLE).count(),
                    name + ": one bad outcome, the rest acceptable");
            seen.add(test.strategy() + " " + test.shape().id() + " " + info.threads());
        }
        for (String s : Strategies.NAMES) {
            for (Safety.Shape shape : Safety.Shape.values()) {
                assertTrue(seen.contains(s + " " + shape.id() + " 2"), s + " " + shape.id() + " has a two-actor test");
            }
            assertTrue(seen.contains(s + " harvest-reuse 3"), s + " has the three-actor harvest-reuse test");
        }
    }

    @Test
    void badOutcomesAreDisjointFromTheAcceptableOnes() {
        for (String name : TestList.tests()) {
            TestInfo info = TestList.getInfo(name);
            StateCase bad = LitmusMain.badCase(info);
            for (StateCase ok : info.cases()) {
                if (ok != bad) {
                    // every acceptable pattern's own spelling must not count as bad
                    String example = ok.matchPattern().replace("[01]", "1").replace("[12]", "2");
                    assertTrue(ok.matches(example), name + " " + example);
                    assertTrue(!bad.matches(example), name + ": " + example + " is both acceptable and bad");
                }
            }
        }
    }
}
