package org.ringorder.ring;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The reset's coalescing, written the slow obvious way for tests: a batch is a slot and a set of
 * pages spanning fewer than 64 pages from its lowest; a page joins when it lands in the current
 * window, or below it without pushing the highest page out.
 */
final class ResetReference {
    record Batch(int slot, long base, TreeSet<Long> pages) {
    }

    static List<Batch> batches(int[] slots, long[] offsets) {
        List<Batch> out = new ArrayList<>();
        Batch cur = null;
        for (int k = 0; k < slots.length; k++) {
            long p = offsets[k];
            if (cur != null && cur.slot == slots[k]) {
                boolean forward = p >= cur.base && p - cur.base < 64;
                boolean backward = p < cur.base && cur.base - p < 64 && cur.pages.last() - p < 64;
                if (forward || backward) {
                    cur.pages.add(p);
                    cur = new Batch(cur.slot, Math.min(cur.base, p), cur.pages);
                    out.set(out.size() - 1, cur);
                    continue;
                }
            }
            TreeSet<Long> pages = new TreeSet<>();
            pages.add(p);
            cur = new Batch(slots[k], p, pages);
            out.add(cur);
        }
        return out;
    }
}
