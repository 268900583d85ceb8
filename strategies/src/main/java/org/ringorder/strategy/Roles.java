package org.ringorder.strategy;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Which sides of the protocol a strategy orders. */
public enum Roles {
    /** The strategy orders the kernel's side and the VMM's side. */
    ALL("all"),
    /** The kernel's side is Linux's ({@link LinuxKernel}); the strategy orders only the VMM's side. */
    USERSPACE("userspace");

    private final String flag;

    Roles(String flag) {
        this.flag = flag;
    }

    public String flag() {
        return flag;
    }

    /** The kernel's side under these roles. */
    public KernelSide kernel(ResetStrategy strategy) {
        return this == ALL ? strategy : new LinuxKernel();
    }

    public static Roles byName(String name) {
        for (Roles r : values()) {
            if (r.flag.equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown roles '" + name + "': expected one of "
                + Arrays.stream(values()).map(Roles::flag).collect(Collectors.joining(", ")));
    }
}
