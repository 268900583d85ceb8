package org.ringorder.bench;

import org.ringorder.jni.NativeRing;

/** The {@code backend} param: the Java strategies (jvm) or the same kernels in C (native). */
public final class Backend {
    private Backend() {
    }

    /** True for native (after checking the library loads: else one line saying why), false for jvm. */
    public static boolean isNative(String backend) {
        switch (backend) {
            case "jvm":
                return false;
            case "native":
                NativeRing.require();
                return true;
            default:
                throw new IllegalArgumentException("unknown backend '" + backend + "': expected jvm or native");
        }
    }
}
