package org.ringorder.kvm;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.ringorder.jni.NativeLibrary;

/**
 * The real-KVM backend's entry points ({@code src/main/c/kvm.c}, built into {@code libringorder-kvm.so}):
 * a VM whose vCPUs have the kernel's dirty ring, a guest of the project's own, and the ioctls
 * around it. Each method throws IllegalStateException naming the failed ioctl and errno.
 */
public final class Kvm {
    /** {@link #run} results. */
    public static final int EXIT_PERIODIC = 0;
    public static final int EXIT_RING_FULL = 1;
    public static final int EXIT_KICKED = 2;
    /** The guest took an exception and reported its syndrome or cause ({@link #fault}); aarch64 and riscv64. */
    public static final int EXIT_GUEST_FAULT = 3;

    /** How a VM tracks its data slot's dirty pages ({@link #create}); {@code jni} is kvm.c's enum tracking. */
    public enum Tracking {
        NONE(0), RING_TSO(1), RING_ACQ_REL(2), BITMAP(3), BITMAP_MANUAL(4), BITMAP_MANUAL_INITIALLY_SET(5);

        private final int jni;

        Tracking(int jni) {
            this.jni = jni;
        }
    }

    /** The KVM_CAP_MANUAL_DIRTY_LOG_PROTECT2 flags ({@link KvmCapabilities#manualDirtyLogProtect2}). */
    public static final long MANUAL_PROTECT_ENABLE = 1;
    public static final long INITIALLY_SET = 2;

    private static final Optional<String> WHY_NOT = NativeLibrary.load(Kvm.class, "libringorder-kvm.so")
            .map(why -> "the kvm backend: " + why);

    private Kvm() {
    }

    /**
     * Empty when a VM with a dirty ring can be created here; else one line saying why not:
     * no native library, no /dev/kvm, no permission, or no dirty-ring capability.
     */
    public static Optional<String> unavailable() {
        if (WHY_NOT.isPresent()) {
            return WHY_NOT;
        }
        if (backend() == null) {
            return Optional.of("there is no KVM backend for " + System.getProperty("os.arch")
                    + " (ringorder's guests are for x86_64 and aarch64)");
        }
        KvmCapabilities caps = probe();
        if (caps.errno() != 0) {
            long errno = caps.errno();
            return Optional.of("/dev/kvm " + (errno == 2 ? "does not exist (no KVM here)" : errno == 13
                    ? "is not accessible (permission denied: add yourself to the kvm group)" : "refused (errno " + errno + ")"));
        }
        if (!caps.offersRing()) {
            return Optional.of("this kernel's KVM offers no dirty ring (KVM_CAP_DIRTY_LOG_RING and _ACQ_REL are 0)"
                    + (backend().equals("aarch64") ? ": arm64's dirty ring needs Linux 6.2 or later" : ""));
        }
        return Optional.empty();
    }

    /** What /dev/kvm offers for dirty tracking, or why it cannot be used. */
    public static KvmCapabilities probe() {
        long[] caps = checkExtensions();
        return new KvmCapabilities(caps[0], caps[1], caps[2], caps[3]);
    }

    /** kvm.c's KVM_CHECK_EXTENSION answers, in {@link KvmCapabilities}' order; -errno in each when KVM is unusable. */
    private static native long[] checkExtensions();

    /** The architecture whose guest the library carries (x86_64, aarch64), or null: no KVM backend here. */
    public static native String backend();

    /** The most logged memory the guest's memory map reaches, in bytes. */
    public static native long maxDataBytes();

    /** The host's page size: the unit of the ring's offsets and of the guest's writes. */
    public static native long pageSize();

    /**
     * The syndrome (aarch64's ESR_EL1) or cause (riscv64's scause) of the exception the guest reported, after
     * {@link #run} returned {@link #EXIT_GUEST_FAULT}.
     */
    public static native long fault(long vm, int vcpu);

    /** A VM whose data slot is tracked as {@code tracking} says; {@code ringEntries} per vCPU for a ring. */
    public static long create(int vcpus, int ringEntries, long dataBytes, Tracking tracking) {
        return createVm(vcpus, ringEntries, dataBytes, tracking.jni);
    }

    private static native long createVm(int vcpus, int ringEntries, long dataBytes, int tracking);

    public static native void destroy(long vm);

    public static native ByteBuffer ring(long vm, int vcpu);

    public static native ByteBuffer data(long vm);

    /** Starts vCPU {@code vcpu}'s guest on data pages {@code [firstPage, firstPage + 2^bits)}, page = (page * a + c) & mask. */
    public static native void guest(long vm, int vcpu, long firstPage, int bits, int a, int c, int writesPerExit);

    public static native long writes(long vm, int vcpu);

    public static native int run(long vm, int vcpu);

    public static native void kick(long vm, int vcpu);

    public static native int reset(long vm);

    /** KVM_GET_DIRTY_LOG of the data slot into {@code bitmap} (direct, one bit per page; bit b of byte k = page 8k + b). */
    public static native void getDirtyLog(long vm, ByteBuffer bitmap);

    /**
     * KVM_CLEAR_DIRTY_LOG: clears the kernel's bits of pages {@code [firstPage, firstPage + numPages)}
     * that are set in {@code bitmap} (laid out as the get's) and write-protects those pages again.
     */
    public static native void clearDirtyLog(long vm, ByteBuffer bitmap, long firstPage, int numPages);
}
