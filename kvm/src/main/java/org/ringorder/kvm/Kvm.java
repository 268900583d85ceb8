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
    /** The guest took an exception and reported its syndrome ({@link #fault}); aarch64 only. */
    public static final int EXIT_GUEST_FAULT = 3;

    /** {@link #create}'s tracking of the data slot (kvm.c's enum tracking): none, the ring, or the bitmap. */
    public static final int TRACK_NONE = 0;
    public static final int TRACK_RING_TSO = 1;
    public static final int TRACK_RING_ACQ_REL = 2;
    public static final int TRACK_BITMAP = 3;
    public static final int TRACK_BITMAP_MANUAL = 4;
    public static final int TRACK_BITMAP_MANUAL_INITIALLY_SET = 5;

    /** {@link #probe}'s last element: the KVM_CAP_MANUAL_DIRTY_LOG_PROTECT2 flags the kernel supports. */
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
        long[] caps = probe();
        if (caps[0] < 0) {
            long errno = -caps[0];
            return Optional.of("/dev/kvm " + (errno == 2 ? "does not exist (no KVM here)" : errno == 13
                    ? "is not accessible (permission denied: add yourself to the kvm group)" : "refused (errno " + errno + ")"));
        }
        if (caps[0] <= 0 && caps[1] <= 0) {
            return Optional.of("this kernel's KVM offers no dirty ring (KVM_CAP_DIRTY_LOG_RING and _ACQ_REL are 0)"
                    + (backend().equals("aarch64") ? ": arm64's dirty ring needs Linux 6.2 or later" : ""));
        }
        return Optional.empty();
    }

    /**
     * Max ring bytes with KVM_CAP_DIRTY_LOG_RING (TSO), with KVM_CAP_DIRTY_LOG_RING_ACQ_REL,
     * KVM_CAP_DIRTY_LOG_RING_WITH_BITMAP (1 when offered), and KVM_CAP_MANUAL_DIRTY_LOG_PROTECT2
     * (its flags: {@link #MANUAL_PROTECT_ENABLE}, {@link #INITIALLY_SET}); -errno in each when KVM is unusable.
     */
    public static native long[] probe();

    /** The architecture whose guest the library carries (x86_64, aarch64), or null: no KVM backend here. */
    public static native String backend();

    /** The most logged memory the guest's memory map reaches, in bytes. */
    public static native long maxDataBytes();

    /** The host's page size: the unit of the ring's offsets and of the guest's writes. */
    public static native long pageSize();

    /** The syndrome (ESR_EL1) of the exception the guest reported, after {@link #run} returned {@link #EXIT_GUEST_FAULT}. */
    public static native long fault(long vm, int vcpu);

    /** A VM whose data slot is tracked as {@code tracking} ({@code TRACK_*}) says; {@code ringEntries} per vCPU for a ring. */
    public static native long create(int vcpus, int ringEntries, long dataBytes, int tracking);

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
