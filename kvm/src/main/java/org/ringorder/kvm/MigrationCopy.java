package org.ringorder.kvm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * What a migration would have sent: each time a cycle hands a page on, its current content (the
 * guest's sequence number in the page's first word) is copied. After the vCPUs stop and the last
 * cycle ran, every page's content must equal its last copy; a difference is a write the tracking
 * lost. Stronger than "every page reported once": a page reported early and written again
 * unnoticed differs.
 */
final class MigrationCopy {
    private final ByteBuffer data;
    private final int pageSize;
    private final int[] sent;
    private final boolean[] everSent;
    private long copies;
    private long resent;

    MigrationCopy(ByteBuffer data, long pages, long pageSize) {
        this.data = data.order(ByteOrder.nativeOrder());
        this.pageSize = Math.toIntExact(pageSize);
        this.sent = new int[Math.toIntExact(pages)];
        this.everSent = new boolean[sent.length];
    }

    /** Copies page {@code p}: what the destination now holds. */
    void send(long p) {
        int i = (int) p;
        sent[i] = data.getInt(i * pageSize);
        if (everSent[i]) {
            resent++;
        }
        everSent[i] = true;
        copies++;
    }

    /** The final comparison, once the guest has stopped. */
    Check check() {
        long written = 0;
        long differ = 0;
        long neverSent = 0;
        for (int i = 0; i < sent.length; i++) {
            int now = data.getInt(i * pageSize);
            if (now != 0) {
                written++;
                if (!everSent[i]) {
                    neverSent++;
                }
            }
            if (now != sent[i]) {
                differ++;
            }
        }
        return new Check(copies, resent, written, neverSent, differ);
    }

    /**
     * @param copies      pages sent, over every cycle
     * @param resent      of which pages sent before (a page dirtied again)
     * @param written     pages the guest wrote at least once
     * @param neverSent   written pages no cycle reported (the old "lost page")
     * @param differences pages whose final content is not their last copy (includes neverSent)
     */
    record Check(long copies, long resent, long written, long neverSent, long differences) {
    }
}
