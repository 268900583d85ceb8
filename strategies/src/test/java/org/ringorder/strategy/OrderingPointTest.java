package org.ringorder.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The ordering points and the sides' interface methods name each other, one to one. */
class OrderingPointTest {
    /** A side's access methods; a boolean method is a constant of the strategy (twoPhase, resetIndexEachEntry), not a point. */
    private static Set<String> accesses(Class<?> side) {
        return Arrays.stream(side.getDeclaredMethods()).filter(m -> !m.isSynthetic() && m.getReturnType() != boolean.class)
                .map(Method::getName).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyPointNamesAMethodOfItsSide() {
        for (OrderingPoint p : OrderingPoint.values()) {
            assertTrue(accesses(p.side().type()).contains(p.method()),
                    p + " names " + p.side().type().getSimpleName() + "." + p.method() + ", which it does not declare: rename the constant too");
        }
    }

    @Test
    void everyMethodOfEverySideHasAPoint() {
        for (OrderingPoint.Side side : OrderingPoint.Side.values()) {
            Set<String> points = Arrays.stream(OrderingPoint.values()).filter(p -> p.side() == side).map(OrderingPoint::method)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(accesses(side.type()), points, side.type().getSimpleName() + "'s methods and the points of side " + side);
        }
    }

    @Test
    void resultsFilesSpellAPointByItsMethod() {
        assertEquals(OrderingPoint.OBSERVE_DIRTY, OrderingPoint.byMethod("observeDirty"));
        assertEquals("markReset", OrderingPoint.MARK_RESET.flag());
    }
}
