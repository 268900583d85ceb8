package org.ringorder.strategy;

/**
 * One ordering strategy for the whole dirty-ring protocol, chosen by its stable {@link #name()}
 * (the strategy flag users pass). With {@link Roles#ALL} it orders both sides; with
 * {@link Roles#USERSPACE} only its {@link UserspaceSide} is used and the kernel's side is
 * {@link LinuxKernel}.
 */
public interface ResetStrategy extends KernelSide, UserspaceSide {
    String name();
}
