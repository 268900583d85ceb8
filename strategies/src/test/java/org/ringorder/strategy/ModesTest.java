package org.ringorder.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.ringorder.strategy.Order.End;

/**
 * Each shipped side's declared modes ({@link DeclaresModes#modes()}) are what its code does: the
 * calls each ordering point's method makes to Gfns, SharedIndex and VarHandle, read from javap of
 * the class that declares the method, in order. And the table of what a mode promises says what
 * the VarHandle specification says.
 */
class ModesTest {
    /** The Java accesses and fences the sides make, as modes. */
    private static final Map<String, Mode> CALLS = Map.ofEntries(
            Map.entry("flags", Mode.PLAIN_LOAD), Map.entry("slot", Mode.PLAIN_LOAD), Map.entry("offset", Mode.PLAIN_LOAD),
            Map.entry("get", Mode.PLAIN_LOAD), Map.entry("flagsOpaque", Mode.OPAQUE_LOAD), Map.entry("slotOpaque", Mode.OPAQUE_LOAD),
            Map.entry("offsetOpaque", Mode.OPAQUE_LOAD), Map.entry("getOpaque", Mode.OPAQUE_LOAD),
            Map.entry("flagsAcquire", Mode.ACQUIRE_LOAD), Map.entry("getAcquire", Mode.ACQUIRE_LOAD),
            Map.entry("flagsVolatile", Mode.VOLATILE_LOAD), Map.entry("getVolatile", Mode.VOLATILE_LOAD),
            Map.entry("setFlags", Mode.PLAIN_STORE), Map.entry("set", Mode.PLAIN_STORE),
            Map.entry("setFlagsOpaque", Mode.OPAQUE_STORE), Map.entry("setOpaque", Mode.OPAQUE_STORE),
            Map.entry("setFlagsRelease", Mode.RELEASE_STORE), Map.entry("setRelease", Mode.RELEASE_STORE),
            Map.entry("setFlagsVolatile", Mode.VOLATILE_STORE), Map.entry("setVolatile", Mode.VOLATILE_STORE),
            Map.entry("fullFence", Mode.FULL_FENCE), Map.entry("acquireFence", Mode.ACQUIRE_FENCE),
            Map.entry("releaseFence", Mode.RELEASE_FENCE), Map.entry("loadLoadFence", Mode.LOAD_LOAD_FENCE),
            Map.entry("storeStoreFence", Mode.STORE_STORE_FENCE));

    @Test
    void everyShippedSideDeclaresWhatItsCodeDoes() throws Exception {
        List<Object> sides = new ArrayList<>(Strategies.NAMES.stream().map(Strategies::byName).toList());
        sides.add(new LinuxKernel());
        for (Object side : sides) {
            Modes declared = ((DeclaresModes) side).modes();
            assertTrue(declared.declared(), side.getClass().getSimpleName() + " declares no modes");
            for (OrderingPoint p : OrderingPoint.values()) {
                if (!p.side().type().isInstance(side)) {
                    continue;
                }
                List<Mode> code = modes(side.getClass(), p.method());
                assertEquals(code, declared.at(p).orElse(null), side.getClass().getSimpleName() + "." + p.method()
                        + ": its code does " + Modes.words(code) + ", its modes() says otherwise");
            }
        }
    }

    @Test
    void theModesPromiseWhatTheVarHandleSpecificationSays() {
        assertEquals(Set.of(new Order(End.ACCESS, End.LATER_LOADS), new Order(End.ACCESS, End.LATER_STORES)),
                Modes.promised(List.of(Mode.ACQUIRE_LOAD)));
        assertEquals(Set.of(new Order(End.EARLIER_LOADS, End.ACCESS), new Order(End.EARLIER_STORES, End.ACCESS)),
                Modes.promised(List.of(Mode.RELEASE_STORE)));
        assertTrue(Modes.promised(List.of(Mode.VOLATILE_STORE)).contains(new Order(End.ACCESS, End.LATER_VOLATILE_LOADS)));
        assertFalse(Modes.promised(List.of(Mode.VOLATILE_STORE)).contains(new Order(End.ACCESS, End.LATER_LOADS)),
                "a volatile store is ordered before later volatile loads, not plain ones");
        assertEquals(Set.of(), Modes.promised(List.of(Mode.OPAQUE_LOAD)));
        assertEquals(Set.of(), Modes.promised(List.of(Mode.PLAIN_STORE)));
        // a fence orders the point's own access on its side, and the thread's accesses around it
        Set<Order> loadThenFence = Modes.promised(List.of(Mode.PLAIN_LOAD, Mode.FULL_FENCE));
        assertTrue(loadThenFence.containsAll(Modes.promised(List.of(Mode.ACQUIRE_LOAD))), loadThenFence.toString());
        assertTrue(loadThenFence.contains(new Order(End.EARLIER_STORES, End.LATER_LOADS)));
        assertFalse(loadThenFence.contains(new Order(End.EARLIER_LOADS, End.ACCESS)), "a fence after the load orders nothing before it");
        assertEquals(Set.of(new Order(End.EARLIER_STORES, End.ACCESS), new Order(End.EARLIER_STORES, End.LATER_STORES)),
                Modes.promised(List.of(Mode.STORE_STORE_FENCE, Mode.PLAIN_STORE)));
        assertEquals(Set.of(new Order(End.EARLIER_LOADS, End.ACCESS), new Order(End.EARLIER_LOADS, End.LATER_STORES),
                        new Order(End.EARLIER_STORES, End.ACCESS), new Order(End.EARLIER_STORES, End.LATER_STORES)),
                Modes.promised(List.of(Mode.RELEASE_FENCE, Mode.PLAIN_STORE)));
    }

    @Test
    void theProtocolNeedsAnOrderAtEveryFlagAndIndexPoint() {
        for (OrderingPoint p : OrderingPoint.values()) {
            boolean payloadOrBatch = p.access() == OrderingPoint.Access.NONE || p == OrderingPoint.RESET_SLOT
                    || p == OrderingPoint.RESET_OFFSET || p == OrderingPoint.OBSERVE_DIRTY_INDEX;
            assertEquals(payloadOrBatch, ProtocolNeeds.at(p).isEmpty(), p.toString());
        }
        assertEquals("e3: the slot and offset loads before the RESET store",
                ProtocolNeeds.at(OrderingPoint.MARK_RESET).get(0).words(OrderingPoint.MARK_RESET));
    }

    private static final Pattern METHOD = Pattern.compile("^  \\S.*?(\\w+)\\(.*\\);$");
    private static final Pattern CALL = Pattern.compile("// (?:Interface)?Method ([\\w/$]+)\\.(\\w+):");
    private static final List<String> ORDERED = List.of("org/ringorder/memory/Gfns", "org/ringorder/memory/SharedIndex",
            "java/lang/invoke/VarHandle");

    /** The accesses and fences a side's method makes, in order, from javap of the class that declares it. */
    static List<Mode> modes(Class<?> side, String point) throws Exception {
        Method m = Arrays.stream(side.getMethods()).filter(x -> x.getName().equals(point) && !x.isBridge()).findFirst().orElseThrow();
        Class<?> owner = m.getDeclaringClass();
        ToolProvider javap = ToolProvider.findFirst("javap").orElse(null);
        assumeTrue(javap != null, "skipped: this JDK has no javap");
        StringWriter out = new StringWriter();
        Path classes = Path.of(owner.getProtectionDomain().getCodeSource().getLocation().toURI());
        int rc = javap.run(new PrintWriter(out), new PrintWriter(out), "-c", "-p", "-cp", classes.toString(), owner.getName());
        assertEquals(0, rc, out.toString());
        List<Mode> calls = new ArrayList<>();
        boolean inPoint = false;
        for (String line : out.toString().split("\n")) {
            Matcher header = METHOD.matcher(line);
            if (header.find()) {
                inPoint = header.group(1).equals(point);
                continue;
            }
            Matcher call = CALL.matcher(line);
            if (inPoint && call.find() && ORDERED.contains(call.group(1))) {
                assertTrue(CALLS.containsKey(call.group(2)), "no mode known for " + call.group(2));
                calls.add(CALLS.get(call.group(2)));
            }
        }
        return calls;
    }
}
