package org.ringorder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringorder.plot.Drawing;
import org.ringorder.results.Run;
import org.ringorder.results.RunFixtures;
import org.ringorder.strategy.Strategies;

/**
 * Opens a report in a real browser (headless Chromium), takes a screenshot, and checks that the
 * page the browser built has the verdict table and the charts, and that the screenshot is not
 * blank. .ci/run installs Debian's chromium; without it this test is skipped, and says why.
 */
class ReportBrowserTest {
    @TempDir
    Path dir;

    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync");

    @Test
    void theReportShowsItsTableAndChartsInABrowser() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        Assumptions.assumeTrue(Files.isExecutable(chromium), "skipped: no /usr/bin/chromium (apt-get install chromium)");
        List<RunFixtures.Row> rows = new ArrayList<>();
        for (String s : Strategies.NAMES) {
            double base = 1 + Strategies.NAMES.indexOf(s);
            rows.add(new RunFixtures.Row("Reset", s, 4096, 1, base * 3, 0.05));
            rows.add(new RunFixtures.Row("Harvest", s, 4096, 1, base * 2, 0.05));
            rows.add(new RunFixtures.Row("BareScan", s, 4096, 1, base, 0.01));
        }
        Path run = RunFixtures.write(dir.resolve("run"), "x86_64", true, Run.FORMAT_VERSION, rows.toArray(RunFixtures.Row[]::new));
        Drawing.run(Run.load(run));
        String url = run.resolve("report.html").toUri().toString();

        String dom = chromium(chromium, dir, "--dump-dom", url);
        assertTrue(dom.contains("<table id=\"verdict\">"), "the verdict table is in the page");
        assertTrue(dom.contains("id=\"pick\""), "the pick is in the page");
        assertEquals(2, dom.split("<img alt=", -1).length - 1, "both charts are in the page");

        Path shot = dir.resolve("report.png");
        chromium(chromium, dir, "--screenshot=" + shot, "--window-size=1100,2400", "--hide-scrollbars", url);
        BufferedImage img = ImageIO.read(shot.toFile());
        assertEquals(1100, img.getWidth());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 4) {
            for (int x = 0; x < img.getWidth(); x += 4) {
                colours.add(img.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 50, "the screenshot shows text and charts, not a blank page: " + colours.size() + " colours");
    }

    private static String chromium(Path chromium, Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(chromium.toString()));
        cmd.addAll(FLAGS);
        cmd.add("--user-data-dir=" + Files.createTempDirectory(dir, "chromium-"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium finished");
        assertEquals(0, p.exitValue(), "chromium exit status");
        return out.toString(StandardCharsets.UTF_8);
    }
}
