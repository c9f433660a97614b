package io.logdx.trainer.model;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Draws a row-normalised confusion matrix (gold rows, predicted columns) as a PNG, headless. */
public final class ConfusionPng {
  private ConfusionPng() {}

  public static void write(int[][] counts, List<String> labels, String title, Path file)
      throws IOException {
    System.setProperty("java.awt.headless", "true");
    int n = labels.size();
    int cell = 16;
    int margin = 190;
    int top = margin + 30;
    int w = margin + n * cell + 20;
    int h = top + n * cell + 20;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(title, 10, 20);
    Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    Font tiny = new Font(Font.SANS_SERIF, Font.PLAIN, 8);
    g.setFont(small);
    for (int i = 0; i < n; i++) {
      int total = 0;
      for (int j = 0; j < n; j++) total += counts[i][j];
      g.setColor(total == 0 ? Color.GRAY : Color.BLACK);
      g.setFont(small);
      g.drawString(labels.get(i) + " (" + total + ")", 5, top + i * cell + 12);
      for (int j = 0; j < n; j++) {
        double v = total == 0 ? 0 : (double) counts[i][j] / total;
        int shade = (int) Math.round(255 * (1 - v));
        g.setColor(
            i == j
                ? new Color(shade, shade, 255)
                : (counts[i][j] > 0 ? new Color(255, shade, shade) : Color.WHITE));
        g.fillRect(margin + j * cell, top + i * cell, cell, cell);
        g.setColor(new Color(220, 220, 220));
        g.drawRect(margin + j * cell, top + i * cell, cell, cell);
        if (counts[i][j] > 0) {
          g.setColor(v > 0.5 ? Color.WHITE : Color.BLACK);
          g.setFont(tiny);
          g.drawString(Integer.toString(counts[i][j]), margin + j * cell + 2, top + i * cell + 11);
        }
      }
    }
    // predicted labels, rotated
    g.setColor(Color.BLACK);
    g.setFont(small);
    AffineTransform orig = g.getTransform();
    for (int j = 0; j < n; j++) {
      g.setTransform(orig);
      g.translate(margin + j * cell + 12, top - 4);
      g.rotate(-Math.PI / 2);
      g.drawString(labels.get(j), 0, 0);
    }
    g.setTransform(orig);
    g.dispose();
    ImageIO.write(img, "png", file.toFile());
  }
}
