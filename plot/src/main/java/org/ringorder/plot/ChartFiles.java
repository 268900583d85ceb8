package org.ringorder.plot;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.ringorder.evidence.AtomicFiles;

/** Charts as files: PNG (for the report, inlined) and SVG (JFreeSVG), each written whole. */
public final class ChartFiles {
    public static final int WIDTH = 900;
    public static final int HEIGHT = 520;

    private ChartFiles() {
    }

    public static byte[] png(JFreeChart chart) {
        BufferedImage img = chart.createBufferedImage(WIDTH, HEIGHT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static String svg(JFreeChart chart) {
        SVGGraphics2D g2 = new SVGGraphics2D(WIDTH, HEIGHT);
        g2.setGeomDoubleConverter(d -> String.valueOf(Math.round(d * 100) / 100.0)); // 0.01 px: a third of the size
        chart.draw(g2, new Rectangle(WIDTH, HEIGHT));
        return g2.getSVGElement();
    }

    /** Writes each chart as {@code name.png} and {@code name.svg} into {@code dir}; returns the PNG bytes by name. */
    public static Map<String, byte[]> write(List<Chart> charts, Path dir) {
        Map<String, byte[]> pngs = new LinkedHashMap<>();
        for (Chart c : charts) {
            byte[] png = png(c.chart());
            AtomicFiles.writeBytes(dir.resolve(c.name() + ".png"), png);
            AtomicFiles.writeString(dir.resolve(c.name() + ".svg"), svg(c.chart()));
            pngs.put(c.name(), png);
        }
        return pngs;
    }
}
