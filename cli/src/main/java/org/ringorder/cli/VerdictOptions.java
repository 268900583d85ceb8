package org.ringorder.cli;

import org.ringorder.evidence.Pick;
import org.ringorder.evidence.UserError;
import picocli.CommandLine.Option;

/** {@code --margin}: the equivalence margin a verdict uses, stated in advance; shared by run, plot, compare, pick and micro. */
final class VerdictOptions {
    @Option(names = "--margin", paramLabel = "PCT",
            description = "Equivalence margin in percent (default 2): \"free\" only when the whole 95%% interval lies within ±PCT.")
    double marginPercent = Pick.DEFAULT_MARGIN * 100;

    Pick.Rule rule() {
        if (!(marginPercent > 0 && marginPercent < 100)) {
            throw new UserError("--margin " + marginPercent + " is out of range: expected a percentage above 0 and below 100");
        }
        return new Pick.Rule(marginPercent / 100, Pick.LEVEL);
    }
}
