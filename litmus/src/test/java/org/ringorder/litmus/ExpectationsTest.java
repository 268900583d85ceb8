package org.ringorder.litmus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.infra.StateCase;
import org.openjdk.jcstress.infra.TestInfo;
import org.openjdk.jcstress.infra.runners.TestList;
import org.ringorder.strategy.LinuxKernel;
import org.ringorder.strategy.Roles;
import org.ringorder.strategy.Safety;
import org.ringorder.strategy.Strategies;

/**
 * The jcstress tests and the safety table pick uses must say the same: every strategy has a test
 * of every shape under every roles the shape runs under (the kernel model alone where the shape is
 * the kernel's), and each test's bad outcome is FORBIDDEN exactly where the table forbids it, with
 * the table's reason as its description.
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
            Safety.Expectation e = Safety.expect(test.strategy(), test.roles(), test.shape());
            StateCase bad = LitmusMain.badCase(info);
            assertEquals(e.forbidden() ? Expect.FORBIDDEN : Expect.ACCEPTABLE_INTERESTING, bad.expect(), name);
            assertEquals(e.reason(), info.description(), name);
            assertEquals(1, info.cases().stream().filter(c -> c.expect() != Expect.ACCEPTABLE).count(),
                    name + ": one bad outcome, the rest acceptable");
            assertTrue(test.shape().roles().contains(test.roles()), name + " runs under roles its shape names");
            if (test.strategy().equals(LinuxKernel.NAME)) {
                assertEquals(Safety.Side.KERNEL, test.shape().side(), name + ": the kernel model alone tests a kernel shape");
                assertEquals(Roles.USERSPACE, test.roles(), name);
            }
            assertTrue(seen.add(test.strategy() + " " + test.roles() + " " + test.shape().id() + " " + test.form()), "one test each: " + name);
        }
        for (Safety.Shape shape : Safety.Shape.values()) {
            for (Roles roles : shape.roles()) {
                if (shape.kernelsAlone(roles)) {
                    assertTrue(seen.stream().anyMatch(x -> x.startsWith("linux USERSPACE " + shape.id() + " ")), shape.id());
                    continue;
                }
                for (String s : Strategies.NAMES) {
                    assertTrue(seen.stream().anyMatch(x -> x.startsWith(s + " " + roles + " " + shape.id() + " ")),
                            s + " " + roles + " " + shape.id() + " has a test");
                }
            }
        }
        for (String s : Strategies.NAMES) {
            assertTrue(seen.contains(s + " ALL push-harvest a batch of two"), s + " has the batch form");
            assertTrue(seen.contains(s + " ALL harvest-reuse three actors"), s + " has the three-actor harvest-reuse test");
            assertTrue(seen.contains(s + " ALL harvest-reuse the reset on the vCPU's thread"), s + " has the two-actor form");
        }
    }

    /** Every shape has its broken variant in the harness's own check. */
    @Test
    void everyShapeHasABrokenVariant() throws Exception {
        Set<Safety.Shape> covered = new HashSet<>();
        for (String name : TestList.tests()) {
            if (name.startsWith(BROKEN)) {
                TestInfo info = TestList.getInfo(name);
                covered.add(((Litmus) Class.forName(info.binaryName()).getConstructor().newInstance()).shape());
            }
        }
        assertEquals(Set.of(Safety.Shape.values()), covered);
    }

    @Test
    void badOutcomesAreDisjointFromTheAcceptableOnes() {
        for (String name : TestList.tests()) {
            TestInfo info = TestList.getInfo(name);
            StateCase bad = LitmusMain.badCase(info);
            for (StateCase ok : info.cases()) {
                if (ok != bad) {
                    // each acceptable pattern's spellings (every character of every class) must not count as bad
                    for (String example : spellings(ok.matchPattern())) {
                        assertTrue(ok.matches(example), name + " " + example);
                        assertTrue(!bad.matches(example), name + ": " + example + " is both acceptable and bad");
                    }
                }
            }
        }
    }

    /** The outcomes a pattern of literals and character classes ({@code [01]}) spells. */
    static List<String> spellings(String pattern) {
        int open = pattern.indexOf('[');
        if (open < 0) {
            return List.of(pattern);
        }
        int close = pattern.indexOf(']', open);
        List<String> out = new ArrayList<>();
        for (char c : pattern.substring(open + 1, close).toCharArray()) {
            for (String rest : spellings(pattern.substring(close + 1))) {
                out.add(pattern.substring(0, open) + c + rest);
            }
        }
        return out;
    }
}
