package org.ringorder.evidence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The workload's latency distributions in a run's {@code latency/} directory: HdrHistogram's
 * {@code .hgrm} percentile files (microseconds), one per configuration, fork and kind.
 */
public record Latency(String placement, String strategy, String vcpus, int fork, String kind, List<double[]> points) {
    public static final String DIR = "latency";

    private static final Pattern NAME = Pattern.compile(
            "workload-(\\w+)-strategy=([\\w-]+)-.*-vcpus=(\\d+)-fork=(\\d+)-(reset-call|dirty-to-reset)\\.hgrm");

    /** Every distribution in the run, or none when it recorded no latency. */
    public static List<Latency> read(Run run) {
        Path dir = run.dir().resolve(DIR);
        List<Latency> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                Matcher m = NAME.matcher(f.getFileName().toString());
                if (m.matches()) {
                    out.add(new Latency(m.group(1), m.group(2), m.group(3), Integer.parseInt(m.group(4)), m.group(5), points(f)));
                }
            }
        } catch (IOException e) {
            throw new UserError("cannot read " + dir + ": " + e.getMessage());
        }
        return out;
    }

    /** (value in us, percentile as a fraction, 1/(1-p)) per line; the last line's infinite 1/(1-p) is dropped. */
    static List<double[]> points(Path hgrm) throws IOException {
        List<double[]> pts = new ArrayList<>();
        for (String line : Files.readAllLines(hgrm)) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 4 && !f[0].startsWith("#") && !f[0].equals("Value")) {
                try {
                    double inv = Double.parseDouble(f[3]);
                    if (Double.isFinite(inv)) {
                        pts.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), inv});
                    }
                } catch (NumberFormatException notAPoint) {
                    // a header or summary line
                }
            }
        }
        return pts;
    }

    /** The value at percentile {@code p} (a fraction, e.g. 0.999), in microseconds. */
    public Optional<Double> at(double p) {
        return points.stream().filter(x -> x[1] >= p - 1e-12).findFirst().map(x -> x[0]);
    }
}
