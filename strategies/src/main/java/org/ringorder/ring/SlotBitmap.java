package org.ringorder.ring;

import java.util.Arrays;
import java.util.function.LongConsumer;

/** One bit per guest page of each memslot: the kernel's write-protect state, or the VMM's dirty bitmap. */
public final class SlotBitmap {
    private final long[][] words;
    private final long npages;

    public SlotBitmap(int nslots, long npages) {
        if ((npages & 63) != 0) {
            throw new IllegalArgumentException("npages must be a multiple of 64");
        }
        this.npages = npages;
        this.words = new long[nslots][Math.toIntExact(npages >>> 6)];
    }

    public int slots() {
        return words.length;
    }

    public long npages() {
        return npages;
    }

    /** Whether {@code slot} (as_id in the upper 16 bits, id in the lower) and pages offset..offset+span exist. */
    public boolean contains(int slot, long offset, int span) {
        return (slot >>> 16) == 0 && (slot & 0xffff) < words.length
                && offset >= 0 && offset + span < npages;
    }

    /** Sets the pages {@code offset + b} for each bit b of {@code mask}; the range must exist. */
    public void setMask(int slot, long offset, long mask) {
        long[] w = words[slot & 0xffff];
        int at = (int) (offset >>> 6);
        int shift = (int) (offset & 63);
        w[at] |= mask << shift;
        if (shift != 0 && at + 1 < w.length) {
            w[at + 1] |= mask >>> (64 - shift);
        }
    }

    public void set(int slot, long offset) {
        words[slot & 0xffff][(int) (offset >>> 6)] |= 1L << offset;
    }

    public boolean test(int slot, long offset) {
        return (words[slot & 0xffff][(int) (offset >>> 6)] & (1L << offset)) != 0;
    }

    public long cardinality() {
        long n = 0;
        for (long[] w : words) {
            for (long x : w) {
                n += Long.bitCount(x);
            }
        }
        return n;
    }

    /** Hands each set page of {@code slot} to {@code page}, in order, and clears it: one pass over the slot's words. */
    public void drain(int slot, LongConsumer page) {
        long[] w = words[slot & 0xffff];
        for (int k = 0; k < w.length; k++) {
            long bits = w[k];
            if (bits == 0) {
                continue;
            }
            w[k] = 0;
            while (bits != 0) {
                page.accept(((long) k << 6) + Long.numberOfTrailingZeros(bits));
                bits &= bits - 1;
            }
        }
    }

    public void clear() {
        for (long[] w : words) {
            Arrays.fill(w, 0);
        }
    }
}
