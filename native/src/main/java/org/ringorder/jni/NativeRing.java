package org.ringorder.jni;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.ringorder.strategy.Strategies;

/**
 * The native backend's entry points ({@code src/main/c/ringorder.c}): the bare scan, the reset
 * and the harvest of one ring per call, in C11 atomics, on the kernel's entry layout in a direct
 * buffer. Strategies are passed by their id; the library reports the names it was built with, and
 * loading checks them against {@link Strategies#NAMES} by name. The library ships inside the jar
 * when the build found gcc; {@link #unavailable()} says why it cannot be used.
 */
public final class NativeRing {
    /** {@code KVM_RESET_DIRTY_RINGS}' counters, for {@link #counter}. */
    public static final int BATCHES = 0;
    public static final int PAGES = 1;
    public static final int OUT_OF_RANGE = 2;
    /** Ring indices, for {@link #index}. */
    public static final int RESET_INDEX = 0;
    public static final int FETCH_INDEX = 1;

    /** The null pair's second side: plain's kernels compiled a second time (not a strategy users can pick). */
    public static final String PLAIN_TWIN = "plain-twin";

    private static final String WHY_NOT = load();

    private NativeRing() {
    }

    /** Empty when the backend works here; else one line saying why not and what to do. */
    public static Optional<String> unavailable() {
        return Optional.ofNullable(WHY_NOT);
    }

    /** Throws with that line when the backend does not work here. */
    public static void require() {
        if (WHY_NOT != null) {
            throw new IllegalStateException(WHY_NOT);
        }
    }

    /** The C side's strategy id for a Java strategy flag, or {@link #PLAIN_TWIN}. */
    public static int strategyId(String name) {
        if (name.equals(PLAIN_TWIN)) {
            return Strategies.NAMES.size();
        }
        Strategies.byName(name);
        return Strategies.NAMES.indexOf(name);
    }

    private static String load() {
        Optional<String> why = NativeLibrary.load(NativeRing.class, "libringorder.so");
        if (why.isPresent()) {
            return "the native backend: " + why.get();
        }
        List<String> built = List.of(strategyNames());
        if (!built.equals(Strategies.NAMES)) {
            return "the native backend was built with the strategies " + built + ", the Java side has " + Strategies.NAMES
                    + ": rebuild ringorder";
        }
        return null;
    }

    /** The strategy flags the C tables were built with, in id order. */
    static native String[] strategyNames();

    /** The address of a direct buffer's memory. */
    public static native long address(ByteBuffer buffer);

    /** A JNI round trip that does nothing: the call's own cost. */
    public static native int nop(int x);

    /** The bare scan ({@code BareScan}'s loop in C) of {@code n} entries from 0; returns the sum of the offsets read. */
    public static native long scan(long gfns, int n, int strategy);

    /** A VM: one memslot of {@code npages} pages (write-protect bitmap, dirty log), mmu_lock, the doorbell. */
    public static native long createVm(long npages);

    public static native void destroyVm(long vm);

    /** A ring over {@code size} entries at {@code gfns}, its indices at 0. */
    public static native long createRing(long gfns, int size);

    public static native void destroyRing(long ring);

    /** kvm_dirty_ring_reset on one ring; returns the entries reset. */
    public static native int reset(long vm, long ring, int strategy);

    /** QEMU's reap_one on one ring; returns the entries harvested. */
    public static native int harvest(long vm, long ring, int strategy);

    /** The harvest's doorbell: how many entries are marked so far. */
    public static native void doorbell(long vm, int marked, int strategy);

    public static native long counter(long vm, int which);

    public static native int index(long ring, int which);
}
