package org.ringorder.cli;

import org.ringorder.evidence.Pick;
import org.ringorder.evidence.UserError;
import org.ringorder.evidence.stats.Verdict;
import picocli.CommandLine.Option;

/**
 * {@code --margin} and {@code --resolution}: what a verdict is judged against, stated in advance;
 * shared by run, plot, compare, pick and micro. Given to pick, plot or compare they re-judge a
 * stored interval; the run itself stopped at the margin and resolution it was run with.
 */
final class VerdictOptions {
    @Option(names = "--margin", paramLabel = "PCT",
            description = "Equivalence margin in percent (default 2): \"free\" only when the whole 95%% interval lies within ±PCT.")
    double marginPercent = Pick.DEFAULT_MARGIN * 100;

    @Option(names = "--resolution", paramLabel = "PCT",
            description = "Resolution in percent (default 0.5): an interval no wider than ±PCT that straddles an edge of the "
                    + "margin is \"at the margin\", and a run stops there.")
    double resolutionPercent = Verdict.DEFAULT_RESOLUTION * 100;

    Pick.Rule rule() {
        if (!(marginPercent > 0 && marginPercent < 100)) {
            throw new UserError("--margin " + marginPercent + " is out of range: expected a percentage above 0 and below 100");
        }
        if (!(resolutionPercent > 0 && resolutionPercent < marginPercent)) {
            throw new UserError("--resolution " + resolutionPercent + " is out of range: expected a percentage above 0 and below "
                    + "the margin (" + marginPercent + ")");
        }
        return new Pick.Rule(marginPercent / 100, Pick.LEVEL, resolutionPercent / 100);
    }
}
