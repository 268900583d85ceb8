package org.ringorder.bench;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Latency histograms of one workload configuration, recorded by one thread (thread-confined
 * {@link Histogram}s, no {@code Recorder} and its atomics in the hot path), written once per
 * measurement iteration as tagged interval histograms to a {@code .hlog} (HistogramLogWriter),
 * and at the end as one {@code .hgrm} percentile distribution per tag, in microseconds.
 *
 * <p>Files go to {@code -Dringorder.latency.dir} (ringorder run sets it to the run directory's
 * {@code latency/}; default {@code ./latency}); their names carry every param and the fork.
 */
final class LatencyLog {
    /** Where forked JVMs write their histograms. */
    static final String DIR_PROPERTY = "ringorder.latency.dir";

    private static final long HIGHEST_NS = 60_000_000_000L;

    final Histogram resetCall = histogram("reset-call");
    final Histogram dirtyToReset = histogram("dirty-to-reset");
    private final Histogram resetCallTotal = histogram("reset-call");
    private final Histogram dirtyToResetTotal = histogram("dirty-to-reset");
    private final Path stem;
    private final PrintStream log;
    private final HistogramLogWriter writer;
    private final long startMs = System.currentTimeMillis();
    private long intervalStartMs = startMs;

    LatencyLog(String group, Map<String, String> params) {
        Path dir = Path.of(System.getProperty(DIR_PROPERTY, "latency"));
        StringBuilder name = new StringBuilder("workload-").append(group);
        params.forEach((k, v) -> name.append('-').append(k).append('=').append(v));
        try {
            Files.createDirectories(dir);
            String base = name.toString();
            int fork = 1;
            try (Stream<Path> files = Files.list(dir)) {
                fork += (int) files.filter(f -> f.getFileName().toString().startsWith(base + "-fork=")
                        && f.getFileName().toString().endsWith(".hlog")).count();
            }
            stem = dir.resolve(base + "-fork=" + fork);
            log = new PrintStream(stem + ".hlog");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write latency histograms to " + dir, e);
        }
        writer = new HistogramLogWriter(log);
        writer.outputLogFormatVersion();
        writer.outputStartTime(startMs);
        writer.setBaseTime(startMs);
        writer.outputLegend();
    }

    private static Histogram histogram(String tag) {
        Histogram h = new Histogram(HIGHEST_NS, 3);
        h.setTag(tag);
        return h;
    }

    /** Ends an iteration: measurement intervals go to the log and the totals; warmup is dropped. */
    void endIteration(boolean measured) {
        long now = System.currentTimeMillis();
        if (measured) {
            for (Histogram h : new Histogram[] {resetCall, dirtyToReset}) {
                h.setStartTimeStamp(intervalStartMs);
                h.setEndTimeStamp(now);
                writer.outputIntervalHistogram(h);
            }
            resetCallTotal.add(resetCall);
            dirtyToResetTotal.add(dirtyToReset);
        }
        resetCall.reset();
        dirtyToReset.reset();
        intervalStartMs = now;
    }

    /** Ends the trial: the percentile distributions (.hgrm, microseconds) beside the log. */
    void close() {
        log.close();
        write(resetCallTotal, Path.of(stem + "-reset-call.hgrm"));
        write(dirtyToResetTotal, Path.of(stem + "-dirty-to-reset.hgrm"));
    }

    private static void write(Histogram h, Path file) {
        try (PrintStream out = new PrintStream(file.toFile())) {
            h.outputPercentileDistribution(out, 5, 1000.0);
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException(e);
        }
    }
}
