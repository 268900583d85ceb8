package org.ringorder.strategy;

/** Which sides of the protocol a strategy orders. */
public enum Roles implements Flag {
    /** The strategy orders the kernel's side and the VMM's side. */
    ALL("all"),
    /** The kernel's side is Linux's ({@link LinuxKernel}); the strategy orders only the VMM's side. */
    USERSPACE("userspace");

    private final String flag;

    Roles(String flag) {
        this.flag = flag;
    }

    @Override
    public String flag() {
        return flag;
    }

    /** The kernel's side under these roles. */
    public KernelSide kernel(ResetStrategy strategy) {
        return this == ALL ? strategy : new LinuxKernel();
    }

    public static Roles byName(String name) {
        return Flag.byFlag(Roles.class, name, "roles");
    }
}
