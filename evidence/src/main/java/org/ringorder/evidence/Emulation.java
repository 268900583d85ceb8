package org.ringorder.evidence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * Whether this process runs under emulation, from the word {@code ringorder emulate} puts on the
 * guest kernel's command line ({@code ringorder.emulated=qemu-system-aarch64+(TCG)}): a QEMU
 * {@code virt} machine on real arm64 KVM looks the same from inside, so nothing else can tell.
 * Timings taken under emulation are never used; correctness evidence still counts.
 */
public final class Emulation {
    /** The kernel command-line word's prefix; {@code +} stands for a space. */
    public static final String MARKER = "ringorder.emulated=";

    private Emulation() {
    }

    /** The emulator, e.g. {@code qemu-system-aarch64 (TCG)}, or null on a real machine. */
    public static String emulator() {
        try {
            return of(Files.readString(Path.of("/proc/cmdline")));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * How much longer a child may take here before it counts as hung: TCG runs the JVM 10 to 50
     * times slower than the host, and the parts' limits are sized for real machines.
     */
    public static final int SLOWDOWN = 30;

    /** A child's time limit as this machine needs it: stretched {@link #SLOWDOWN} times under emulation. */
    public static Duration stretch(Duration limit) {
        return emulator() == null ? limit : limit.multipliedBy(SLOWDOWN);
    }

    /** The emulator named on this kernel command line, or null. */
    public static String of(String cmdline) {
        return Arrays.stream(cmdline.trim().split("\\s+")).filter(w -> w.startsWith(MARKER))
                .map(w -> w.substring(MARKER.length()).replace('+', ' ')).findFirst().orElse(null);
    }
}
