package org.ringorder.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ringorder.strategy.Strategies;

/** Every strategy has a colour of its own: the palette's for the suite's, one derived from its name for any other. */
class StyleColourTest {
    @Test
    void everyStrategyHasADistinctColour() {
        Set<Color> seen = new HashSet<>();
        for (String s : Strategies.NAMES) {
            assertTrue(seen.add(Style.colour(s)), s + " shares its colour");
        }
    }

    @Test
    void theSuitesStrategiesKeepTheirPaletteColours() {
        for (String s : List.of("plain", "opaque", "volatile", "acquire-load", "full-fence", "batched-fence")) {
            assertEquals(Style.PALETTE.get(s), Style.colour(s), s);
        }
    }

    @Test
    void aStrategyThePaletteDoesNotKnowGetsAStableColourClearOfThePalette() {
        // derived from the name alone (String.hashCode is specified): the same in every run and chart
        assertEquals(Style.colour("acquire-observe"), Style.colour("acquire-observe"));
        assertEquals(new Color(0xafcc33), Style.colour("acquire-observe"));
        assertNotEquals(Style.colour("qemu-harvest"), Style.colour("acquire-observe"));
        for (int k = 0; k < 1000; k++) {
            Color c = Style.colour("strategy-" + k);
            for (Color p : Style.PALETTE.values()) {
                assertTrue(Style.distance(c, p) >= Style.MIN_DISTANCE, "strategy-" + k + ": " + c + " near " + p);
            }
        }
    }
}
