package org.ringorder.litmus;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.infra.StateCase;
import org.openjdk.jcstress.infra.TestInfo;
import org.openjdk.jcstress.infra.runners.TestList;

/**
 * Every litmus test of every shape, its actors run one after another in every order (sequentially
 * consistent executions, which no strategy can break), then its arbiter: each outcome must be one
 * the test declares ACCEPTABLE. This checks the tests themselves, including the three-actor ones that jcstress
 * cannot schedule on a two-CPU machine.
 */
class SequentialOrdersTest {
    @Test
    void everySequentialOrderGivesAnAcceptableOutcome() throws Exception {
        int checked = 0;
        for (String name : TestList.tests()) {
            TestInfo info = TestList.getInfo(name);
            Class<?> test = Class.forName(info.binaryName());
            List<Method> actors = Arrays.stream(test.getMethods()).filter(m -> m.isAnnotationPresent(Actor.class)).toList();
            List<Method> arbiters = Arrays.stream(test.getMethods()).filter(m -> m.isAnnotationPresent(Arbiter.class)).toList();
            Class<?> resultType = actors.stream().filter(m -> m.getParameterCount() == 1)
                    .map(m -> m.getParameterTypes()[0]).findFirst().orElseThrow();
            for (List<Method> order : permutations(actors)) {
                Object state = test.getConstructor().newInstance();
                Object result = resultType.getConstructor().newInstance();
                for (Method m : order) {
                    if (m.getParameterCount() == 1) {
                        m.invoke(state, result);
                    } else {
                        m.invoke(state);
                    }
                }
                for (Method m : arbiters) {
                    m.invoke(state, result);
                }
                String outcome = result.toString();
                StateCase bad = LitmusMain.badCase(info);
                assertFalse(bad.matches(outcome), name + " " + order.stream().map(Method::getName).toList() + ": " + outcome);
                assertTrue(info.cases().stream().anyMatch(c -> c.expect() == Expect.ACCEPTABLE && c.matches(outcome)),
                        name + " " + order.stream().map(Method::getName).toList() + ": " + outcome + " is not declared");
                checked++;
            }
        }
        // orders per strategy under roles all: push-harvest 2 + 2, harvest-reuse 6 + 2, reset-reuse 2, late-invalidate 2,
        // chain 6, short-reset 2, plain-doorbell 2; under userspace: push-harvest 2 + 2, harvest-reuse 6 + 2, chain 6;
        // and the kernel model alone: reset-reuse 2, late-invalidate 2
        assertTrue(checked >= 6 * (26 + 18) + 4, "every test, every order: " + checked);
    }

    private static List<List<Method>> permutations(List<Method> items) {
        if (items.size() <= 1) {
            return List.of(items);
        }
        List<List<Method>> out = new ArrayList<>();
        for (Method first : items) {
            List<Method> rest = new ArrayList<>(items);
            rest.remove(first);
            for (List<Method> tail : permutations(rest)) {
                List<Method> p = new ArrayList<>();
                p.add(first);
                p.addAll(tail);
                out.add(p);
            }
        }
        return out;
    }
}
