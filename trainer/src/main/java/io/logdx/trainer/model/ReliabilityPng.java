package io.logdx.trainer.model;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws a reliability diagram as a PNG, headless: for ten bins of the top answer's probability, the share of answers
 * that were right (bars, one colour per series) against the diagonal of perfect calibration, with each bin's count
 * and each series' expected calibration error (ECE) in the legend.
 */
public final class ReliabilityPng {
  private ReliabilityPng() {}

  /** One set of answers: the top probability of each and whether it was right. */
  public record Series(String name, double[] confidence, boolean[] correct) {
    /** Expected calibration error over ten equal-width bins. */
    public double ece() {
      int bins = BINS;
      double[] conf = new double[bins];
      double[] acc = new double[bins];
      int n = confidence.length;
      for (int i = 0; i < n; i++) {
        int b = bin(confidence[i]);
        conf[b] += confidence[i];
        acc[b] += correct[i] ? 1 : 0;
      }
      double e = 0;
      for (int b = 0; b < bins; b++) e += Math.abs(conf[b] - acc[b]) / Math.max(1, n);
      return e;
    }
  }

  static final int BINS = 10;
  private static final Color[] COLOURS = {
    new Color(70, 110, 200), new Color(230, 140, 40), new Color(80, 160, 90)
  };

  static int bin(double p) {
    return Math.max(0, Math.min(BINS - 1, (int) (p * BINS)));
  }

  public static void write(List<Series> series, String title, Path file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    int w = 560;
    int h = 620;
    int left = 70;
    int top = 60;
    int plot = 400;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(title, 10, 22);
    Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    g.setFont(small);
    // axes and grid
    for (int i = 0; i <= 10; i++) {
      int x = left + i * plot / 10;
      int y = top + plot - i * plot / 10;
      g.setColor(new Color(230, 230, 230));
      g.drawLine(left, y, left + plot, y);
      g.drawLine(x, top, x, top + plot);
      g.setColor(Color.BLACK);
      g.drawString(String.format(Locale.ROOT, "%.1f", i / 10.0), x - 8, top + plot + 15);
      g.drawString(String.format(Locale.ROOT, "%.1f", i / 10.0), left - 28, y + 4);
    }
    g.drawRect(left, top, plot, plot);
    g.drawString("probability of the top answer (bin)", left + plot / 2 - 90, top + plot + 34);
    g.drawString("share right", 8, top - 8);
    // the diagonal
    g.setColor(Color.GRAY);
    g.setStroke(
        new BasicStroke(
            1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
    g.drawLine(left, top + plot, left + plot, top);
    g.setStroke(new BasicStroke(1f));
    int binW = plot / BINS;
    int barW = Math.max(4, (binW - 6) / Math.max(1, series.size()));
    for (int s = 0; s < series.size(); s++) {
      Series se = series.get(s);
      int[] n = new int[BINS];
      int[] right = new int[BINS];
      for (int i = 0; i < se.confidence().length; i++) {
        int b = bin(se.confidence()[i]);
        n[b]++;
        if (se.correct()[i]) right[b]++;
      }
      Color c = COLOURS[s % COLOURS.length];
      for (int b = 0; b < BINS; b++) {
        if (n[b] == 0) continue;
        double acc = (double) right[b] / n[b];
        int barH = (int) Math.round(acc * plot);
        int x = left + b * binW + 3 + s * barW;
        g.setColor(c);
        g.fillRect(x, top + plot - barH, barW - 1, barH);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 8));
        g.drawString(Integer.toString(n[b]), x, top + plot - barH - 2 - (s % 2) * 9);
      }
      // the legend under the plot
      g.setFont(small);
      g.setColor(c);
      int ly = top + plot + 50 + s * 18;
      g.fillRect(left, ly - 10, 12, 12);
      g.setColor(Color.BLACK);
      g.drawString(
          String.format(
              Locale.ROOT, "%s (n %d, ECE %.3f)", se.name(), se.confidence().length, se.ece()),
          left + 18,
          ly);
    }
    g.setColor(Color.BLACK);
    g.drawString(
        "bars: share right per bin; numbers: answers in the bin; dashed: perfect calibration",
        left,
        top + plot + 56 + series.size() * 18);
    g.dispose();
    ImageIO.write(img, "png", file.toFile());
  }
}
