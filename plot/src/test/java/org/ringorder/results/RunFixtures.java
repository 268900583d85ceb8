package org.ringorder.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Writes small synthetic run directories: env.json plus a jmh.json in JMH's format. */
public final class RunFixtures {
    private RunFixtures() {
    }

    /** A result row: benchmark short class, strategy, ringSize, vcpus, ns per entry, 99.9% half-width per entry. */
    public record Row(String bench, String strategy, int ringSize, int vcpus, double perEntry, double errPerEntry) {
    }

    public static Path write(Path dir, String arch, boolean completed, int formatVersion, Row... rows) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(Run.ENV), String.format(Locale.ROOT,
                "{\"formatVersion\": %d, \"arch\": \"%s\", \"cpu\": \"Test CPU\", \"completed\": %b, \"profile\": \"quick\","
                        + " \"gitCommit\": \"abc\", \"jvm\": {\"home\": \"/jdk\", \"feature\": 17}}",
                formatVersion, arch, completed));
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < rows.length; i++) {
            Row r = rows[i];
            boolean scan = r.bench.equals("BareScan");
            long entries = (long) r.ringSize * (scan ? 1 : r.vcpus);
            double score = r.perEntry * entries;
            double err = r.errPerEntry * entries;
            String params = scan
                    ? String.format(Locale.ROOT, "\"strategy\": \"%s\", \"ringSize\": \"%d\", \"layout\": \"heap\"", r.strategy, r.ringSize)
                    : String.format(Locale.ROOT, "\"strategy\": \"%s\", \"ringSize\": \"%d\", \"vcpus\": \"%d\", \"roles\": \"all\","
                            + " \"pattern\": \"sequential\"", r.strategy, r.ringSize, r.vcpus);
            String method = Map.of("Reset", "reset", "Harvest", "harvest", "BareScan", "scan").get(r.bench);
            sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"benchmark\": \"org.ringorder.bench.%sBench.%s\", \"mode\": \"avgt\", \"params\": {%s},"
                            + " \"primaryMetric\": {\"score\": %s, \"scoreError\": %s, \"scoreConfidence\": [%s, %s],"
                            + " \"scoreUnit\": \"ns/op\"}}",
                    r.bench, method, params, score, err, score - err, score + err));
        }
        Files.writeString(dir.resolve(Run.JMH), sb.append("]").toString());
        return dir;
    }

    /** Harvest and reset rows for every strategy at 4096/1, from per-strategy (harvest, reset) costs. */
    public static Row[] costs(Map<String, double[]> perStrategy, double relErr) {
        return perStrategy.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(
                new Row("Harvest", e.getKey(), 4096, 1, e.getValue()[0], e.getValue()[0] * relErr),
                new Row("Reset", e.getKey(), 4096, 1, e.getValue()[1], e.getValue()[1] * relErr))).toArray(Row[]::new);
    }
}
