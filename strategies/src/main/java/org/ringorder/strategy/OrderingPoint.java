package org.ringorder.strategy;

/**
 * Every ordering point of the protocol: a method of {@link KernelSide}, {@link UserspaceSide} or
 * {@link Batching}, in protocol order. Its {@link #method()} is the name the asm part compiles
 * and records ({@code asm.json}'s {@code point}), so renaming an interface method fails
 * {@code OrderingPointTest} instead of silently emptying the instruction evidence.
 */
public enum OrderingPoint implements Flag {
    PUBLISH_DIRTY("publishDirty", Side.KERNEL, Access.STORE, "the DIRTY store"),
    OBSERVE_DIRTY("observeDirty", Side.USERSPACE, Access.LOAD, "the flags load"),
    MARK_RESET("markReset", Side.USERSPACE, Access.STORE, "the RESET store"),
    OBSERVE_RESET("observeReset", Side.KERNEL, Access.LOAD, "the flags load"),
    RESET_SLOT("resetSlot", Side.KERNEL, Access.LOAD, "the slot load"),
    RESET_OFFSET("resetOffset", Side.KERNEL, Access.LOAD, "the offset load"),
    INVALIDATE("invalidate", Side.KERNEL, Access.STORE, "the flags = 0 store"),
    PUBLISH_RESET_INDEX("publishResetIndex", Side.KERNEL, Access.STORE, "the reset-index store"),
    OBSERVE_RESET_INDEX("observeResetIndex", Side.KERNEL, Access.LOAD, "the reset-index load"),
    OBSERVE_DIRTY_INDEX("observeDirtyIndex", Side.KERNEL, Access.LOAD, "the dirty-index load"),
    RING_DOORBELL("ringDoorbell", Side.USERSPACE, Access.STORE, "the doorbell store"),
    OBSERVE_DOORBELL("observeDoorbell", Side.USERSPACE, Access.LOAD, "the doorbell load"),
    AFTER_BATCH_OBSERVE("afterBatchObserve", Side.BATCH, Access.NONE, "the batch's order after its flag loads"),
    BEFORE_BATCH_PUBLISH("beforeBatchPublish", Side.BATCH, Access.NONE, "the batch's order before its flag stores");

    /** What a point does to the ring's memory: one load, one store, or no access (a batch's order alone). */
    public enum Access {
        LOAD, STORE, NONE
    }

    /** The interface that declares a point: the kernel's, the VMM's, or the batch hooks both sides share. */
    public enum Side {
        KERNEL(KernelSide.class), USERSPACE(UserspaceSide.class), BATCH(Batching.class);

        private final Class<?> type;

        Side(Class<?> type) {
            this.type = type;
        }

        public Class<?> type() {
            return type;
        }
    }

    private final String method;
    private final Side side;
    private final Access access;
    private final String noun;

    OrderingPoint(String method, Side side, Access access, String noun) {
        this.method = method;
        this.side = side;
        this.access = access;
        this.noun = noun;
    }

    /** The interface method's name, e.g. {@code observeDirty}. */
    public String method() {
        return method;
    }

    public Side side() {
        return side;
    }

    /** The one access it makes: a load, a store, or none. */
    public Access access() {
        return access;
    }

    /** Its access in the protocol's words, e.g. {@code the RESET store}. */
    public String noun() {
        return noun;
    }

    /** As results files spell it: the method's name. */
    @Override
    public String flag() {
        return method;
    }

    public static OrderingPoint byMethod(String method) {
        return Flag.byFlag(OrderingPoint.class, method, "ordering point");
    }
}
