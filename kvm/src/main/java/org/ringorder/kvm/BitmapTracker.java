package org.ringorder.kvm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * The dirty bitmap, QEMU's way: KVM_GET_DIRTY_LOG of the whole slot, then, with manual protect,
 * KVM_CLEAR_DIRTY_LOG of each chunk that has a dirty page, with the bits the get returned (QEMU's
 * {@code kvm_log_clear}; its chunk is migration's {@code clear-bitmap-shift}, 2^18 pages by
 * default). Without manual protect the get itself clears and re-protects the whole slot.
 */
final class BitmapTracker implements DirtyTracker {
    private final long vm;
    private final BitmapMode mode;
    private final Break brk;
    private final long pages;
    private final long chunkPages;
    private final ByteBuffer bitmap;
    private final LongBuffer words;
    /** Which clear chunks the last get found a dirty page in: set by the get's one pass over the bitmap. */
    private final boolean[] dirtyChunks;
    private boolean deferred;
    private long ioctls;
    private long ioctlNanos;

    /** {@code chunkPages}: a clear's span, a power of two of pages, 64 or more (clamped to the slot). */
    BitmapTracker(long vm, BitmapMode mode, Break brk, long pages, long chunkPages) {
        if ((pages & 63) != 0 || chunkPages <= 0 || (chunkPages & 63) != 0) {
            throw new IllegalArgumentException("the slot's pages and the clear chunk must be multiples of 64");
        }
        this.vm = vm;
        this.mode = mode;
        this.brk = brk;
        this.pages = pages;
        this.chunkPages = Math.min(chunkPages, pages);
        if (Long.bitCount(this.chunkPages) != 1) {
            throw new IllegalArgumentException("the clear chunk must be a power of two of pages");
        }
        this.bitmap = ByteBuffer.allocateDirect(Math.toIntExact(pages / 8)).order(ByteOrder.nativeOrder());
        this.words = bitmap.asLongBuffer();
        this.dirtyChunks = new boolean[Math.toIntExact((pages + this.chunkPages - 1) / this.chunkPages)];
    }

    @Override
    public int collect() {
        if (deferred) {
            clearDirtyChunks(); // the last cycle's bits: a broken cycle clears after it sent
            deferred = false;
        }
        long t0 = System.nanoTime();
        Kvm.getDirtyLog(vm, bitmap);
        ioctlNanos += System.nanoTime() - t0;
        ioctls++;
        int dirty = 0;
        int wordShift = Long.numberOfTrailingZeros(chunkPages >>> 6);
        Arrays.fill(dirtyChunks, false);
        for (int k = 0; k < words.capacity(); k++) {
            long w = words.get(k);
            if (w != 0) {
                dirty += Long.bitCount(w);
                dirtyChunks[k >>> wordShift] = true;
            }
        }
        if (dirty > 0 && mode.manual()) {
            if (brk.defers()) {
                deferred = true;
            } else if (!brk.skips()) {
                clearDirtyChunks();
            }
        }
        return dirty;
    }

    /** KVM_CLEAR_DIRTY_LOG of each chunk with a bit set: first_page a multiple of 64, num_pages too unless it ends the slot. */
    private void clearDirtyChunks() {
        for (int c = 0; c < dirtyChunks.length; c++) {
            if (dirtyChunks[c]) {
                long first = c * chunkPages;
                long t0 = System.nanoTime();
                Kvm.clearDirtyLog(vm, bitmap, first, (int) Math.min(chunkPages, pages - first));
                ioctlNanos += System.nanoTime() - t0;
                ioctls++;
            }
        }
    }

    @Override
    public void send(LongConsumer page) {
        for (int k = 0; k < words.capacity(); k++) {
            long bits = words.get(k);
            while (bits != 0) {
                page.accept(((long) k << 6) + Long.numberOfTrailingZeros(bits));
                bits &= bits - 1;
            }
        }
    }

    @Override
    public void finish() {
        if (deferred) {
            clearDirtyChunks();
            deferred = false;
        }
    }

    @Override
    public String capability() {
        return mode.capability();
    }

    @Override
    public long ioctls() {
        return ioctls;
    }

    @Override
    public long ioctlNanos() {
        return ioctlNanos;
    }

}
