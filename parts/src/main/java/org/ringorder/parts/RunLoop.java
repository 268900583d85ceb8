package org.ringorder.parts;

import java.util.List;

/**
 * Runs parts one after another, saying for each which part, n of m, and the time left: the
 * remaining parts' estimates (asked again as each starts, since a decision part's forks come from
 * the pilot), scaled by how long the finished parts took against theirs.
 */
public final class RunLoop {
    private RunLoop() {
    }

    public static void run(List<Part> parts, RunContext ctx) {
        double estimated = 0;
        double actual = 0;
        for (int i = 0; i < parts.size(); i++) {
            parts.get(i).at(i + 1);
        }
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            double scale = estimated > 0 ? Math.max(0.5, Math.min(3, actual / estimated)) : 1;
            double left = 0;
            for (Part p : parts.subList(i, parts.size())) {
                left += p.estimate();
            }
            double own = part.estimate();
            ctx.partDone(i, parts.size());
            ctx.progress.part(i + 1, parts.size(), part.name(), part.detail(), left * scale);
            long t0 = System.nanoTime();
            part.run(ctx);
            actual += (System.nanoTime() - t0) / 1e9;
            estimated += own;
            ctx.partDone(i + 1, parts.size());
        }
        ctx.progress.done();
    }
}
