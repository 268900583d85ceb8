package org.ringorder.asm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.ringorder.strategy.OrderingPoint;

/** C2's output is read by method name: each point asm compiles has a method of that name in {@link OrderingPoints}. */
class OrderingPointsTest {
    @Test
    void everyCompiledPointHasItsMethod() {
        Set<String> methods = Arrays.stream(OrderingPoints.class.getDeclaredMethods()).filter(m -> Modifier.isStatic(m.getModifiers()))
                .map(Method::getName).collect(Collectors.toSet());
        for (OrderingPoint p : OrderingPoints.POINTS) {
            assertTrue(methods.contains(p.method()), "OrderingPoints has no method " + p.method() + " for " + p);
        }
    }

    @Test
    void everyNativePointIsACompiledPoint() {
        assertTrue(OrderingPoints.POINTS.containsAll(InstructionEvidence.NATIVE_POINT.keySet()), InstructionEvidence.NATIVE_POINT.toString());
    }
}
