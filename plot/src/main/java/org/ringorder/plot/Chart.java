package org.ringorder.plot;

import org.jfree.chart.JFreeChart;

/** A drawn chart: its file stem under {@code charts/}, its title, what it shows, and the chart itself. */
public record Chart(String name, String title, String caption, JFreeChart chart) {
}
