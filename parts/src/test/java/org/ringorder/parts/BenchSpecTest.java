package org.ringorder.parts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.Param;
import org.ringorder.jni.NativeRing;

/**
 * Each benchmark's spec against its class: the methods (or groups) it selects are the class's
 * {@code @Benchmark} methods, and every param it passes is one of the class's {@code @Param}
 * fields, so a renamed method or field fails here instead of measuring nothing.
 */
class BenchSpecTest {
    @Test
    void everySpecNamesItsClassMethodsAndParams() throws ClassNotFoundException {
        Plan plan = new Plan(Profile.full);
        plan.backends = List.of("jvm", "native");
        plan.benchmarks = Parts.benchmarkNames();
        for (BenchSpec b : Parts.BENCHMARKS) {
            Class<?> c = benchmarkClass(b.benchmark);
            assertEquals(benchmarks(c), new TreeSet<>(b.methods), b.name + ": the spec's methods are " + b.benchmark + "'s");
            Set<String> params = params(c);
            for (String backend : List.of("jvm", "native")) {
                b.planParams(plan, backend).keySet().forEach(p -> assertTrue(params.contains(p),
                        b.name + " passes -p " + p + ", which " + b.benchmark + " has no @Param for: " + params));
            }
            assertTrue(BenchSpec.PLAN_PARAMS.containsAll(b.fromPlan), b.name + ": " + b.fromPlan);
            assertTrue(b.parts(plan).size() >= 1, b.name + " has parts in the full profile");
        }
    }

    @Test
    void settingsAreTheProductOfThePassedValuesTimesTheMethods() {
        BenchSpec.JmhRun r = new BenchSpec.JmhRun("", "", List.of("inlined", "viaStrategy"),
                new java.util.LinkedHashMap<>(java.util.Map.of("strategy", List.of("plain", "acquire-load", "volatile"),
                        "pollute", List.of("false", "true"))), List.of(), "jvm");
        assertEquals(2 * 3 * 2, BenchSpec.settings(r));
    }

    @Test
    void everyPartIsListedOnceTheDecisionFirst() {
        List<String> names = Parts.names();
        assertEquals(new TreeSet<>(names).size(), names.size(), "part names are unique: " + names);
        assertEquals("decision", names.get(0));
        assertTrue(names.containsAll(Parts.benchmarkNames()));
        assertTrue(names.containsAll(List.of("stress", "litmus", "asm", "kvm")));
    }

    @Test
    void theNativeBackendSkipsAStrategyWithoutCKernelsInOneLine() {
        assumeTrue(NativeRing.unavailable().isEmpty(), "the native library does not load here");
        Plan plan = new Plan(Profile.smoke);
        plan.backends = List.of("jvm", "native");
        plan.strategies = List.of("plain", "my-harvest"); // a Java-only strategy: no C kernels
        StringWriter said = new StringWriter();
        plan.sayNativeSkips(new PrintWriter(said, true));
        assertEquals("ringorder: native backend skips my-harvest: no C kernels in native/src/main/c (they run on the jvm backend)",
                said.toString().strip());
        BenchSpec reset = Parts.BENCHMARKS.stream().filter(b -> b.name.equals("reset")).findFirst().orElseThrow();
        assertEquals(List.of("plain"), reset.planParams(plan, "native").get("strategy"));
        assertEquals(List.of("plain", "my-harvest"), reset.planParams(plan, "jvm").get("strategy"));
    }

    private static Class<?> benchmarkClass(String simpleName) throws ClassNotFoundException {
        for (String pkg : List.of("org.ringorder.bench.", "org.ringorder.bench.paired.")) {
            try {
                return Class.forName(pkg + simpleName);
            } catch (ClassNotFoundException e) {
                // the next package
            }
        }
        throw new ClassNotFoundException(simpleName);
    }

    private static Set<String> benchmarks(Class<?> c) {
        Set<String> names = new TreeSet<>();
        for (Method m : c.getMethods()) {
            if (m.isAnnotationPresent(Benchmark.class)) {
                Group g = m.getAnnotation(Group.class);
                names.add(g != null ? g.value() : m.getName());
            }
        }
        return names;
    }

    private static Set<String> params(Class<?> c) {
        Set<String> names = new TreeSet<>();
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (f.isAnnotationPresent(Param.class)) {
                    names.add(f.getName());
                }
            }
        }
        return names;
    }
}
