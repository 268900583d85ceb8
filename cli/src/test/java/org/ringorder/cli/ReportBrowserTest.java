package org.ringorder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringorder.evidence.Pick;
import org.ringorder.evidence.Run;
import org.ringorder.evidence.RunFixtures;
import org.ringorder.launch.ChildProcess;
import org.ringorder.plot.Drawing;
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
        List<RunFixtures.Pair> pairs = new ArrayList<>();
        for (String s : Strategies.NAMES) {
            pairs.add(new RunFixtures.Pair(s, 1 + Strategies.NAMES.indexOf(s) * 0.1, 0.01, 5.0, "jvm"));
        }
        Path run = RunFixtures.write(dir.resolve("run"), "x86_64", true, Run.FORMAT_VERSION, List.of(), pairs);
        Drawing.run(Run.load(run), Pick.Rule.DEFAULT);
        String url = run.resolve("report.html").toUri().toString();

        String dom = chromium(chromium, dir, "--dump-dom", url);
        assertTrue(dom.contains("<table id=\"verdict\">"), "the verdict table is in the page");
        assertTrue(dom.contains("id=\"pick\""), "the pick is in the page");
        assertEquals(4, dom.split("<img alt=", -1).length - 1, "the claim chart, the claim at three levels, cost and relative");
        assertTrue(dom.indexOf("id=\"levels\"") < dom.indexOf("<table id=\"verdict\">"), "the claim at three levels at the top");
        assertTrue(dom.indexOf("id=\"chart-claim\"") < dom.indexOf("<table id=\"verdict\">"), "the claim chart opens the page");
        assertTrue(dom.contains("costs +30.0% (95% CI"), "the verdict words are in the page");

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
        ChildProcess.Result r = ChildProcess.of("chromium", cmd).limit(Duration.ofSeconds(120)).capture().run();
        assertEquals(0, r.exitCode(), "chromium exit status: " + r.tail(5));
        return String.join("\n", r.output()); // its stderr's log lines come along: the checks look for the page's own text
    }
}
