package org.ringorder.plot;

import java.awt.Color;
import java.util.Map;

/** One colour per strategy, the same in every chart. */
final class Palette {
    private static final Map<String, Color> COLORS = Map.of(
            "plain", new Color(0x7f7f7f),
            "opaque", new Color(0x1f77b4),
            "volatile", new Color(0x9467bd),
            "acquire-load", new Color(0x2ca02c),
            "full-fence", new Color(0xd62728),
            "batched-fence", new Color(0xff7f0e));

    private Palette() {
    }

    static Color of(String strategy) {
        return COLORS.getOrDefault(strategy, Color.BLACK);
    }
}
