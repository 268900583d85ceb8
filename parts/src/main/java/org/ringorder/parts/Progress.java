package org.ringorder.parts;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * What a run says while it runs: which part, n of m, and an honest time left (the remaining parts'
 * estimates, scaled by how the finished ones compared with theirs). On a terminal, one bar redrawn
 * in place; in a log or CI, plain lines.
 */
public final class Progress {
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean tty;
    private int part;
    private int parts;
    private String name = "";
    private double left;
    private boolean barShown;

    public Progress(PrintWriter err, boolean tty) {
        this.err = err;
        this.tty = tty;
    }

    /** A terminal when this JVM has a console (both ends attached): the launcher on a TTY. */
    public static boolean terminal() {
        return System.console() != null && System.getenv("CI") == null;
    }

    /** A part starts: its place, its name and detail, and the time left for it and every part after it. */
    void part(int index, int count, String partName, String detail, double secondsLeft) {
        this.part = index;
        this.parts = count;
        this.name = partName;
        this.left = secondsLeft;
        this.lastFraction = 0;
        if (tty) {
            bar(0);
        } else {
            err.printf(Locale.ROOT, "ringorder: part %d of %d: %s (%s), about %s left%n", index, count, partName, detail,
                    duration(secondsLeft));
            err.flush();
        }
    }

    /** How far the current part is, 0..1 (JMH's own progress); in a log, a line each quarter. */
    void within(double fraction) {
        if (tty) {
            bar(fraction);
        } else if (Math.floor(fraction * 4) > Math.floor(lastFraction * 4)) {
            err.printf(Locale.ROOT, "  %s: %.0f%% done%n", name, fraction * 100);
            err.flush();
        }
        lastFraction = fraction;
    }

    /** A line of its own (a part's sub-step, a warning), above the bar on a terminal. */
    public void say(String line) {
        if (tty && barShown) {
            err.print("\r\033[2K");
        }
        err.println(line);
        if (tty && barShown) {
            bar(-1);
        }
        err.flush();
    }

    /** The run is over: the bar gives way to what follows. */
    public void done() {
        if (tty && barShown) {
            err.println();
            err.flush();
        }
        barShown = false;
    }

    private double lastFraction;

    private void bar(double fraction) {
        if (fraction >= 0) {
            lastFraction = fraction;
        }
        double whole = ((part - 1) + lastFraction) / Math.max(1, parts);
        int filled = (int) Math.round(whole * WIDTH);
        err.print("\r\033[2K[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] part " + part + "/" + parts + " " + name
                + String.format(Locale.ROOT, " %.0f%%", lastFraction * 100) + ", about " + duration(left) + " left");
        err.flush();
        barShown = true;
    }

    static String duration(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return s >= 3600 ? String.format(Locale.ROOT, "%dh %02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60) : s + "s";
    }
}
