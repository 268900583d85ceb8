package org.ringorder.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one table of expectations is whole, and says what the memory model says. */
class SafetyTest {
    @Test
    void everyStrategyHasACellForEveryShapeAndRoles() {
        for (String s : Strategies.NAMES) {
            for (Safety.Shape shape : Safety.Shape.values()) {
                for (Roles roles : shape.roles()) {
                    Safety.Expectation e = Safety.expect(s, roles, shape);
                    assertNotEquals("not a known strategy", e.reason(), s + " " + roles + " " + shape);
                    assertEquals(e.forbidden(), e.basis() != Safety.Guarantee.NONE, s + " " + roles + " " + shape);
                }
            }
        }
    }

    @Test
    void everyRowIsADeclaredStrategysOrTheKernelModels() {
        for (String who : Safety.table().keySet()) {
            assertTrue(who.equals(LinuxKernel.NAME) || Strategies.NAMES.contains(who),
                    "rows for '" + who + "', which Safety.STRATEGIES does not declare");
        }
    }

    @Test
    void onlyVolatileRestsOnJlsHappensBefore() {
        for (String s : Strategies.NAMES) {
            for (Safety.Shape shape : Safety.Shape.values()) {
                Safety.Expectation e = Safety.expect(s, Roles.ALL, shape);
                if (e.basis() == Safety.Guarantee.JLS_HAPPENS_BEFORE) {
                    assertEquals("volatile", s, shape + ": only volatile accesses are JLS synchronization actions");
                }
                if (s.equals("acquire-load") || s.endsWith("fence")) {
                    assertNotEquals(Safety.Guarantee.JLS_HAPPENS_BEFORE, e.basis(), s + " " + shape);
                }
            }
        }
    }

    @Test
    void theKernelsOwnShapesAreTheKernelsUnderUserspaceRoles() {
        for (Safety.Shape shape : List.of(Safety.Shape.RESET_REUSE, Safety.Shape.LATE_INVALIDATE)) {
            assertFalse(shape.chargedToStrategy(Roles.USERSPACE));
            assertEquals(Safety.expect(LinuxKernel.NAME, Roles.USERSPACE, shape), Safety.expect("acquire-load", Roles.USERSPACE, shape));
            assertFalse(Safety.expect(LinuxKernel.NAME, Roles.USERSPACE, shape).forbidden(), "Linux relies on its margin: " + shape);
        }
    }

    @Test
    void noStrategyOrdersAPlainHandoff() {
        for (String s : Strategies.NAMES) {
            assertFalse(Safety.expect(s, Safety.Shape.PLAIN_DOORBELL).forbidden(), s);
        }
    }

    @Test
    void theKnownSafeStrategiesAreSaidSoWithWhereTheyAreNot() {
        List<String> safe = StrategiesTest.SHIPPED.stream().filter(s -> Safety.of(s).safe()).toList();
        assertEquals(List.of("volatile", "acquire-load", "full-fence", "batched-fence"), safe);
        for (String s : safe) {
            assertTrue(Safety.of(s).notSafeFor().stream().anyMatch(x -> x.contains("plain-doorbell")), s);
            assertTrue(Safety.of(s, Roles.USERSPACE).safe(), s + " over Linux");
            assertTrue(Safety.of(s, Roles.USERSPACE).notSafeFor().stream().anyMatch(x -> x.contains("reset-reuse")), s);
        }
        assertTrue(Safety.of("plain").reason().contains("push-harvest"), Safety.of("plain").reason());
        assertFalse(Safety.of("no-such").safe());
    }
}
