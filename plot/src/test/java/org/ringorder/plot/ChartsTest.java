package org.ringorder.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringorder.results.Run;
import org.ringorder.results.RunFixtures;
import org.ringorder.strategy.Strategies;

class ChartsTest {
    @TempDir
    Path dir;

    private Path sweepRun(String name, String arch) throws Exception {
        List<RunFixtures.Row> rows = new ArrayList<>();
        for (String s : Strategies.NAMES) {
            double base = 1 + Strategies.NAMES.indexOf(s);
            for (int size : new int[] {1024, 4096, 16384}) {
                for (int vcpus : new int[] {1, 8}) {
                    rows.add(new RunFixtures.Row("Reset", s, size, vcpus, base * 3, 0.05));
                    rows.add(new RunFixtures.Row("Harvest", s, size, vcpus, base * 2, 0.05));
                }
                rows.add(new RunFixtures.Row("BareScan", s, size, 1, base, 0.01));
            }
        }
        return RunFixtures.write(dir.resolve(name), arch, true, Run.FORMAT_VERSION, rows.toArray(RunFixtures.Row[]::new));
    }

    @Test
    void aRunGetsCostRelativeAndSweepChartsAsPngAndSvg() throws Exception {
        Run run = Run.load(sweepRun("r", "x86_64"));
        Drawing.run(run);
        List<String> names = new ArrayList<>();
        for (Charts.Chart c : Charts.forRun(run)) {
            names.add(c.name());
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(run.dir().resolve("charts/" + c.name() + ".png"))));
            assertEquals(Charts.WIDTH, img.getWidth());
            assertEquals(Charts.HEIGHT, img.getHeight());
            String svg = Files.readString(run.dir().resolve("charts/" + c.name() + ".svg"));
            assertTrue(svg.startsWith("<svg") && svg.contains("</svg>"), c.name());
            assertTrue(svg.contains(c.title()), "the SVG carries its title: " + c.name());
        }
        assertEquals(List.of("cost", "relative", "ringSize-reset", "ringSize-harvest", "ringSize-barescan",
                "vcpus-reset", "vcpus-harvest"), names);
        String report = Files.readString(run.dir().resolve("report.html"));
        assertTrue(report.contains("id=\"verdict\"") && report.contains("id=\"pick\""));
        assertEquals(names.size(), report.split("data:image/png;base64,", -1).length - 1);
        assertTrue(Files.readString(run.dir().resolve("figures.csv"))
                .startsWith("benchmark,strategy,layout,pattern,ringSize,roles,vcpus,metric,unit,value,error_999,low_999,high_999\n"));
    }

    @Test
    void aComparisonGetsGroupedBarsPerBenchmark() throws Exception {
        Run a = Run.load(sweepRun("a", "x86_64"));
        Run b = Run.load(sweepRun("b", "aarch64"));
        Path out = Files.createDirectory(dir.resolve("cmp"));
        Drawing.comparison(List.of(a, b), out);
        for (String n : List.of("compare-reset", "compare-relative-reset", "compare-harvest", "compare-barescan")) {
            assertTrue(Files.isRegularFile(out.resolve("charts/" + n + ".png")), n);
            assertTrue(Files.isRegularFile(out.resolve("charts/" + n + ".svg")), n);
        }
        String report = Files.readString(out.resolve("report.html"));
        assertTrue(report.contains("acquire-load on x86_64, JDK 17") && report.contains("acquire-load on aarch64, JDK 17"), report);
    }

    @Test
    void anIncompleteRunSaysSoInItsReport() throws Exception {
        Path p = RunFixtures.write(dir.resolve("cut"), "x86_64", false, Run.FORMAT_VERSION,
                new RunFixtures.Row("Reset", "plain", 4096, 1, 3, 0.1));
        Drawing.run(Run.load(p));
        assertTrue(Files.readString(p.resolve("report.html")).contains("id=\"incomplete\""));
    }
}
