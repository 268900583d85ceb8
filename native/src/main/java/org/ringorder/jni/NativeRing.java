package org.ringorder.jni;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.ringorder.strategy.LinuxKernel;
import org.ringorder.strategy.Roles;
import org.ringorder.strategy.Strategies;

/**
 * The native backend's entry points ({@code src/main/c/ringorder.c}): the bare scan, the reset
 * and the harvest of one ring per call, in C11 atomics, on the kernel's entry layout in a direct
 * buffer. Strategies are passed by their id; the library reports the strategies it has C kernels
 * for ({@link #strategies()}, any of {@link Strategies#NAMES}: a strategy written in Java only has
 * none), and under {@link Roles#USERSPACE} the kernel's side is Linux's, as on the JVM. The library
 * ships inside the jar when the build found gcc; {@link #unavailable()} says why it cannot be used.
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

    /** The library's strategies, or why it does not load. */
    private record Library(List<String> strategies, String whyNot) {
    }

    private static final Library LIBRARY = load();
    private static final String WHY_NOT = LIBRARY.whyNot();
    /** The strategies the C tables were built with, in id order; empty where the library does not load. */
    private static final List<String> BUILT = LIBRARY.strategies();

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

    /** The strategies this library has C kernels for, in id order; empty where it does not load. */
    public static List<String> strategies() {
        return BUILT;
    }

    /** Whether the native backend can run this strategy: the library loads and has its kernels. */
    public static boolean has(String strategy) {
        return BUILT.contains(strategy);
    }

    /**
     * The C side's id of a strategy (its VMM side; under {@link Roles#ALL} its kernel side too), or
     * of {@link #PLAIN_TWIN}; a strategy without C kernels is refused in one line.
     */
    public static int strategyId(String name) {
        require();
        return idIn(BUILT, name);
    }

    /** A strategy's index in a library's list ({@code built}), the twin's after it; refuses a strategy the list lacks. */
    static int idIn(List<String> built, String name) {
        if (name.equals(PLAIN_TWIN)) {
            return built.size();
        }
        Strategies.byName(name);
        if (!built.contains(name)) {
            throw new IllegalArgumentException("the native backend has no C kernels for strategy '" + name + "' (it has "
                    + String.join(", ", built) + "): run it with --backend jvm, or add its kernels to native/src/main/c/ringorder.c");
        }
        return built.indexOf(name);
    }

    /**
     * The C side's kernel-side id under {@code roles}, chosen as {@link Roles#kernel} chooses on the
     * JVM: the strategy's own, or Linux's ({@link LinuxKernel}) where the strategy orders only the
     * VMM's side.
     */
    public static int kernelId(String strategy, Roles roles) {
        int id = strategyId(strategy);
        return linuxKernel(strategy, roles) ? BUILT.size() + 1 : id;
    }

    /** The kernel side's name under {@code roles}: the strategy's flag, or {@link LinuxKernel#NAME}. */
    public static String kernelName(String strategy, Roles roles) {
        return linuxKernel(strategy, roles) ? LinuxKernel.NAME : strategy;
    }

    private static boolean linuxKernel(String strategy, Roles roles) {
        return roles.kernel(Strategies.byName(strategy.equals(PLAIN_TWIN) ? "plain" : strategy)) instanceof LinuxKernel;
    }

    private static Library load() {
        Optional<String> why = NativeLibrary.load(NativeRing.class, "libringorder.so");
        if (why.isPresent()) {
            return new Library(List.of(), "the native backend: " + why.get());
        }
        List<String> names = List.of(strategyNames());
        List<String> unknown = names.stream().filter(n -> !Strategies.NAMES.contains(n)).toList();
        if (!unknown.isEmpty()) {
            return new Library(List.of(), "the native backend has C kernels for " + unknown
                    + ", which the Java side does not know (it has " + Strategies.NAMES + "): rebuild ringorder");
        }
        return new Library(names, null);
    }

    /** The strategies the C tables were built with, in id order (ringorder.c's STRATEGIES list). */
    static native String[] strategyNames();

    /** The address of a direct buffer's memory. */
    public static native long address(ByteBuffer buffer);

    /** A JNI round trip that does nothing: the call's own cost. */
    public static native int nop(int x);

    /** The bare scan ({@code BareScan}'s loop in C) of {@code n} entries from 0 with a kernel side; returns the sum of the offsets read. */
    public static native long scan(long gfns, int n, int kernel);

    /** A VM: one memslot of {@code npages} pages (write-protect bitmap, dirty log), mmu_lock, the doorbell. */
    public static native long createVm(long npages);

    public static native void destroyVm(long vm);

    /** A ring over {@code size} entries at {@code gfns}, its indices at 0. */
    public static native long createRing(long gfns, int size);

    public static native void destroyRing(long ring);

    /** kvm_dirty_ring_reset on one ring with a kernel side ({@link #kernelId}); returns the entries reset. */
    public static native int reset(long vm, long ring, int kernel);

    /** QEMU's reap_one on one ring; returns the entries harvested. */
    public static native int harvest(long vm, long ring, int strategy);

    /** The harvest's doorbell: how many entries are marked so far. */
    public static native void doorbell(long vm, int marked, int strategy);

    public static native long counter(long vm, int which);

    public static native int index(long ring, int which);

    /**
     * The concurrent workload in C (workload.h): two sides, each {@code copies} VMs of {@code vcpus}
     * rings (kernels {@code reference} and {@code test}, ids as {@link #strategyId}, the twin for the
     * null pair; copy k's test side allocated first where {@code testFirst} has bit k), a vCPU thread
     * per ring started parked, thread v pinned to {@code cpus[v]} (none when null), the readers
     * verifying every payload on the reference's side where {@code verify} has bit 0, on the test's
     * where it has bit 1. Returns 0 when it cannot be allocated.
     */
    public static native long workloadCreate(int reference, int test, int copies, long testFirst, int vcpus, int ringSize, int reserve,
                                             int pattern, int verify, int[] cpus);

    public static native void workloadDestroy(long workload);

    /** The first vCPU thread's errno from pinning itself; 0 when every thread is where it was asked to be. */
    public static native int workloadPinError(long workload);

    /** The vCPU threads asleep ({@code park}) or spinning, ready for blocks. */
    public static native void workloadPark(long workload, boolean park);

    /**
     * One block of side {@code side} (0 the reference, 1 the test) on its copy {@code copy}: every vCPU
     * pushes {@code entries}; at each exit the calling thread collects, until all are reset. Returns its
     * nanoseconds, or -1 past {@code limitNanos}.
     */
    public static native long workloadBlock(long workload, int side, int copy, int entries, long limitNanos);

    /** A side's counter over its copies: 0 stale payloads, 1 short resets, 2 ring-full waits, 3 entries recycled, 4 reaps. */
    public static native long workloadCounter(long workload, int side, int counter);

    /** The calling thread pinned to one CPU (sched_setaffinity): 0, or the errno. */
    public static native int pinThread(int cpu);

    /** The CPUs this process may run on, in order; null when the kernel does not say. */
    public static native int[] allowedCpus();
}
