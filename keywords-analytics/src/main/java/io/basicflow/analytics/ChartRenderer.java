package io.basicflow.analytics;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** Draws a {@link ChartData} as a PNG with Java2D (headless): line, bar, pie or donut. */
final class ChartRenderer {

    /** The kinds of chart, and the words scripts use for them. */
    enum Kind {
        LINE,
        BAR,
        PIE,
        DONUT;

        static java.util.Optional<Kind> named(String word) {
            return switch (word.strip().toLowerCase(Locale.ROOT)) {
                case "line", "timeseries", "time series", "area" -> java.util.Optional.of(LINE);
                case "bar", "column", "columns", "bars", "histogram" -> java.util.Optional.of(BAR);
                case "pie" -> java.util.Optional.of(PIE);
                case "donut", "doughnut", "ring" -> java.util.Optional.of(DONUT);
                default -> java.util.Optional.empty();
            };
        }
    }

    static final int WIDTH = 800;
    static final int HEIGHT = 480;

    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)
    };
    private static final int MARGIN = 60;

    private ChartRenderer() {}

    static byte[] png(Kind kind, ChartData data, String title) {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
            g.setColor(Color.DARK_GRAY);
            if (!title.isBlank()) {
                g.drawString(title, MARGIN, 32);
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            switch (kind) {
                case LINE, BAR -> axes(g, kind, data);
                case PIE, DONUT -> circle(g, kind, data);
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void axes(Graphics2D g, Kind kind, ChartData data) {
        List<Double> values = data.values();
        double max = Math.max(
                0, values.stream().mapToDouble(Double::doubleValue).max().orElse(0));
        double min = Math.min(
                0, values.stream().mapToDouble(Double::doubleValue).min().orElse(0));
        if (max == min) {
            max = min + 1;
        }
        int left = MARGIN + 20;
        int right = WIDTH - MARGIN / 2;
        int top = MARGIN;
        int bottom = HEIGHT - MARGIN;
        FontMetrics metrics = g.getFontMetrics();
        // y ticks: five steps from min to max
        for (int tick = 0; tick <= 5; tick++) {
            double value = min + (max - min) * tick / 5;
            int y = bottom - (int) Math.round((bottom - top) * (value - min) / (max - min));
            g.setColor(new Color(0xeeeeee));
            g.drawLine(left, y, right, y);
            g.setColor(Color.GRAY);
            String text = number(value);
            g.drawString(text, left - 6 - metrics.stringWidth(text), y + 4);
        }
        g.setColor(Color.GRAY);
        g.drawLine(left, top, left, bottom);
        int zero = bottom - (int) Math.round((bottom - top) * (0 - min) / (max - min));
        g.drawLine(left, zero, right, zero);
        int n = values.size();
        double step = (double) (right - left) / n;
        int every = Math.max(1, (int) Math.ceil(n / ((right - left) / 90.0)));
        Path2D.Double line = new Path2D.Double();
        for (int i = 0; i < n; i++) {
            double center = left + step * (i + 0.5);
            int y = bottom - (int) Math.round((bottom - top) * (values.get(i) - min) / (max - min));
            if (kind == Kind.BAR) {
                g.setColor(PALETTE[0]);
                int width = Math.max(1, (int) (step * 0.7));
                g.fillRect((int) (center - width / 2.0), Math.min(y, zero), width, Math.abs(zero - y));
            } else if (i == 0) {
                line.moveTo(center, y);
            } else {
                line.lineTo(center, y);
            }
            if (kind == Kind.LINE && n <= 60) {
                g.setColor(PALETTE[0]);
                g.fill(new Ellipse2D.Double(center - 3, y - 3, 6, 6));
            }
            if (i % every == 0) {
                g.setColor(Color.GRAY);
                String label = shorten(data.labels().get(i), 14);
                g.drawString(label, (int) (center - metrics.stringWidth(label) / 2.0), bottom + 16);
            }
        }
        if (kind == Kind.LINE) {
            g.setColor(PALETTE[0]);
            g.setStroke(new BasicStroke(2.5f));
            g.draw(line);
        }
    }

    private static void circle(Graphics2D g, Kind kind, ChartData data) {
        double total = 0;
        for (double value : data.values()) {
            total += Math.max(0, value);
        }
        int size = HEIGHT - 2 * MARGIN;
        int x = MARGIN;
        int y = MARGIN;
        double start = 90;
        FontMetrics metrics = g.getFontMetrics();
        for (int i = 0; i < data.values().size(); i++) {
            double share = total == 0 ? 0 : Math.max(0, data.values().get(i)) / total;
            g.setColor(PALETTE[i % PALETTE.length]);
            g.fill(new Arc2D.Double(x, y, size, size, start, -360 * share, Arc2D.PIE));
            start -= 360 * share;
            int legendY = MARGIN + 10 + i * 20;
            if (legendY < HEIGHT - 20) {
                g.fillRect(x + size + 40, legendY - 10, 12, 12);
                g.setColor(Color.DARK_GRAY);
                String text = shorten(data.labels().get(i), 30) + "  "
                        + number(data.values().get(i)) + " (" + Math.round(share * 100) + "%)";
                g.drawString(text, x + size + 60, legendY + metrics.getAscent() / 2 - 2);
            }
        }
        if (kind == Kind.DONUT) {
            g.setColor(Color.WHITE);
            int hole = size / 2;
            g.fill(new Ellipse2D.Double(x + (size - hole) / 2.0, y + (size - hole) / 2.0, hole, hole));
        }
    }

    private static String number(double value) {
        BigDecimal decimal =
                BigDecimal.valueOf(value).setScale(Math.abs(value) >= 100 ? 0 : 2, java.math.RoundingMode.HALF_UP);
        return decimal.stripTrailingZeros().toPlainString();
    }

    /** An instant label ({@code QUERY METRICS}' time) as its date, and its time of day unless midnight. */
    private static String shorten(String text, int most) {
        try {
            var time = java.time.Instant.parse(text).atZone(java.time.ZoneOffset.UTC);
            text = time.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)
                    ? time.toLocalDate().toString()
                    : time.format(java.time.format.DateTimeFormatter.ofPattern("MM-dd HH:mm"));
        } catch (java.time.format.DateTimeParseException notAnInstant) {
            // any other label is drawn as it is
        }
        return text.length() <= most ? text : text.substring(0, most - 1) + "…";
    }
}
