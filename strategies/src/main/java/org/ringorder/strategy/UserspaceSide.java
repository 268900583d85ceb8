package org.ringorder.strategy;

import org.ringorder.memory.Gfns;
import org.ringorder.memory.SharedIndex;

/**
 * The ordering points the VMM owns (QEMU's {@code kvm_dirty_ring_reap_one}): observing DIRTY,
 * marking RESET, and telling the reset side how far it marked. This is the choice a VMM author
 * really makes.
 */
public interface UserspaceSide extends Batching {
    /** harvest: load flags before the slot and offset loads (e2). */
    <M> int observeDirty(Gfns<M> gfns, M m, int i);

    /** harvest: flags=RESET, after the slot and offset loads (e3). */
    <M> void markReset(Gfns<M> gfns, M m, int i);

    /** Tell the reset side how many entries are marked so far, after the last RESET store. */
    void ringDoorbell(SharedIndex doorbell, int marked);

    /** The reset side reads the doorbell before it scans. */
    int observeDoorbell(SharedIndex doorbell);
}
