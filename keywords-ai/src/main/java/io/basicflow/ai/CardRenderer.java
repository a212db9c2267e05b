package io.basicflow.ai;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws a {@code CARD} with Java2D (headless): the picture scaled to cover the card (1080 × 1080, {@code
 * story} 1080 × 1920) and centre-cropped, the style's colour treatment, then the overlay text, wrapped to
 * the card's width and shrunk until it fits, on a translucent band (or the polaroid's white strip) in the
 * style's place. The text colour is chosen from the brightness actually under it — near-black on a light
 * background, white on a dark one, with a shadow of the other — so it stays readable on any picture.
 */
final class CardRenderer {

    private static final int MARGIN = 80;
    private static final int POLAROID_BORDER = 60;
    private static final int POLAROID_STRIP = 300;

    private CardRenderer() {}

    /**
     * Reads an image file (PNG, JPEG, GIF, BMP).
     *
     * @param bytes the file
     * @return the image, or null when the bytes are no image the JDK reads
     */
    static BufferedImage decode(byte[] bytes) {
        System.setProperty("java.awt.headless", "true");
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The finished card as a PNG.
     *
     * @param picture the generated picture
     * @param style the style
     * @param text the overlay text
     * @param index the card's number in a carousel, from 0
     * @param count how many cards the call makes
     * @return the PNG file's bytes
     */
    static byte[] render(BufferedImage picture, CardStyle style, String text, int index, int count) {
        System.setProperty("java.awt.headless", "true");
        int width = CardStyle.WIDTH;
        int height = style.height();
        BufferedImage card = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = card.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            if (style == CardStyle.POLAROID) {
                g.setColor(new Color(0xFAF7F0));
                g.fillRect(0, 0, width, height);
                int side = width - 2 * POLAROID_BORDER;
                cover(g, picture, POLAROID_BORDER, POLAROID_BORDER, side, height - POLAROID_BORDER - POLAROID_STRIP);
                treat(card, style, POLAROID_BORDER, POLAROID_BORDER, side, height - POLAROID_BORDER - POLAROID_STRIP);
            } else {
                cover(g, picture, 0, 0, width, height);
                treat(card, style, 0, 0, width, height);
            }
            overlay(g, card, style, text);
            if (style == CardStyle.CAROUSEL && count > 1) {
                pageMark(g, card, (index + 1) + "/" + count);
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(card, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Draws the picture scaled to cover the area, centred, the overflow cut off. */
    private static void cover(Graphics2D g, BufferedImage picture, int x, int y, int width, int height) {
        double scale = Math.max((double) width / picture.getWidth(), (double) height / picture.getHeight());
        int drawnWidth = (int) Math.ceil(picture.getWidth() * scale);
        int drawnHeight = (int) Math.ceil(picture.getHeight() * scale);
        Graphics2D clipped = (Graphics2D) g.create(x, y, width, height);
        try {
            clipped.drawImage(
                    picture, (width - drawnWidth) / 2, (height - drawnHeight) / 2, drawnWidth, drawnHeight, null);
        } finally {
            clipped.dispose();
        }
    }

    /** The style's colour treatment of the picture's area; modern, story and carousel keep it as it is. */
    private static void treat(BufferedImage card, CardStyle style, int x, int y, int width, int height) {
        if (style == CardStyle.MODERN || style == CardStyle.STORY || style == CardStyle.CAROUSEL) {
            return;
        }
        for (int row = y; row < y + height; row++) {
            for (int column = x; column < x + width; column++) {
                int rgb = card.getRGB(column, row);
                double r = (rgb >> 16) & 0xFF;
                double gr = (rgb >> 8) & 0xFF;
                double b = rgb & 0xFF;
                double grey = 0.299 * r + 0.587 * gr + 0.114 * b;
                double[] out = switch (style) {
                    case MODERN, STORY, CAROUSEL -> new double[] {r, gr, b};
                    // half the colour gone, a little lighter: muted
                    case MINIMAL ->
                        new double[] {mix(r, grey, 0.5) + 15, mix(gr, grey, 0.5) + 15, mix(b, grey, 0.5) + 15};
                    // away from grey: more saturated
                    case VIBRANT ->
                        new double[] {grey + (r - grey) * 1.45, grey + (gr - grey) * 1.45, grey + (b - grey) * 1.45};
                    case DARK -> new double[] {r * 0.55, gr * 0.55, b * 0.6};
                    case LIGHT -> new double[] {mix(r, 255, 0.35), mix(gr, 255, 0.35), mix(b, 250, 0.35)};
                    // a diagonal wash from violet to orange
                    case GRADIENT -> {
                        double t = ((column - x) + (row - y)) / (double) (width + height);
                        yield new double[] {
                            mix(r, mix(123, 255, t), 0.35),
                            mix(gr, mix(47, 140, t), 0.35),
                            mix(b, mix(190, 60, t), 0.35)
                        };
                    }
                    // warm sepia, two thirds of the way
                    case POLAROID ->
                        new double[] {
                            mix(r, 0.393 * r + 0.769 * gr + 0.189 * b, 0.65),
                            mix(gr, 0.349 * r + 0.686 * gr + 0.168 * b, 0.65),
                            mix(b, 0.272 * r + 0.534 * gr + 0.131 * b, 0.65)
                        };
                    // editorial: more contrast, a little less colour
                    case MAGAZINE ->
                        new double[] {
                            128 + (mix(r, grey, 0.2) - 128) * 1.25,
                            128 + (mix(gr, grey, 0.2) - 128) * 1.25,
                            128 + (mix(b, grey, 0.2) - 128) * 1.25
                        };
                };
                card.setRGB(column, row, (clamp(out[0]) << 16) | (clamp(out[1]) << 8) | clamp(out[2]));
            }
        }
    }

    /** Where the text goes and how it is set, per style. */
    private record Layout(Font font, int maxLines, Position position, boolean upperCase) {}

    private enum Position {
        TOP,
        CENTER,
        BOTTOM,
        STRIP
    }

    private static Layout layout(CardStyle style) {
        return switch (style) {
            case MODERN, CAROUSEL -> new Layout(new Font(Font.SANS_SERIF, Font.BOLD, 84), 4, Position.BOTTOM, false);
            case MINIMAL -> new Layout(new Font(Font.SANS_SERIF, Font.PLAIN, 72), 3, Position.BOTTOM, false);
            case VIBRANT -> new Layout(new Font(Font.SANS_SERIF, Font.BOLD, 92), 4, Position.TOP, true);
            case DARK -> new Layout(new Font(Font.SERIF, Font.BOLD, 84), 4, Position.CENTER, false);
            case LIGHT -> new Layout(new Font(Font.SANS_SERIF, Font.PLAIN, 78), 4, Position.BOTTOM, false);
            case GRADIENT -> new Layout(new Font(Font.SANS_SERIF, Font.BOLD, 84), 4, Position.BOTTOM, false);
            case POLAROID -> new Layout(new Font(Font.SERIF, Font.ITALIC, 64), 3, Position.STRIP, false);
            case MAGAZINE -> new Layout(new Font(Font.SERIF, Font.BOLD, 96), 3, Position.TOP, true);
            case STORY -> new Layout(new Font(Font.SANS_SERIF, Font.BOLD, 92), 6, Position.CENTER, false);
        };
    }

    /** The overlay text, wrapped, shrunk to fit, on its band, in a colour that reads on what is under it. */
    private static void overlay(Graphics2D g, BufferedImage card, CardStyle style, String written) {
        Layout layout = layout(style);
        String text = layout.upperCase() ? written.toUpperCase(Locale.ROOT) : written;
        int width = card.getWidth();
        int height = card.getHeight();
        int maxWidth = width - 2 * MARGIN;
        Font font = layout.font();
        List<String> lines = wrap(g.getFontMetrics(font), text, maxWidth);
        while ((lines.size() > layout.maxLines() || widest(g.getFontMetrics(font), lines) > maxWidth)
                && font.getSize() > 40) {
            font = font.deriveFont((float) Math.max(40, Math.round(font.getSize() * 0.9)));
            lines = wrap(g.getFontMetrics(font), text, maxWidth);
        }
        if (lines.size() > layout.maxLines()) {
            lines = new ArrayList<>(lines.subList(0, layout.maxLines()));
            lines.set(lines.size() - 1, lines.getLast() + "…");
        }
        FontMetrics metrics = g.getFontMetrics(font);
        int lineHeight = metrics.getHeight();
        int padding = 36;
        int blockHeight = lines.size() * lineHeight + 2 * padding;
        int top = switch (layout.position()) {
            case TOP -> MARGIN;
            case CENTER -> (height - blockHeight) / 2;
            case BOTTOM -> height - MARGIN - blockHeight;
            case STRIP -> height - POLAROID_STRIP + (POLAROID_STRIP - blockHeight) / 2;
        };
        band(g, style, layout.position(), top, blockHeight, width, height);
        boolean lightUnder = luminance(card, MARGIN, top, maxWidth, blockHeight) > 0.55;
        Color ink = lightUnder ? new Color(0x141414) : Color.WHITE;
        Color shadow = lightUnder ? new Color(255, 255, 255, 150) : new Color(0, 0, 0, 170);
        g.setFont(font);
        int baseline = top + padding + metrics.getAscent();
        for (String line : lines) {
            int x = (width - metrics.stringWidth(line)) / 2;
            g.setColor(shadow);
            g.drawString(line, x + 3, baseline + 3);
            g.setColor(ink);
            g.drawString(line, x, baseline);
            baseline += lineHeight;
        }
    }

    /** What the text stands on: a translucent band, a gradient to the bottom edge, or nothing (the strip). */
    private static void band(
            Graphics2D g, CardStyle style, Position position, int top, int blockHeight, int width, int height) {
        if (position == Position.STRIP) {
            return; // the polaroid's white strip
        }
        Graphics2D band = (Graphics2D) g.create();
        try {
            if (style == CardStyle.GRADIENT) {
                int from = Math.max(0, top - blockHeight / 2);
                band.setPaint(new GradientPaint(0, from, new Color(0, 0, 0, 0), 0, height, new Color(0, 0, 0, 190)));
                band.fillRect(0, from, width, height - from);
                return;
            }
            boolean light = style == CardStyle.LIGHT || style == CardStyle.MINIMAL;
            band.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, light ? 0.62f : 0.5f));
            band.setColor(light ? Color.WHITE : Color.BLACK);
            band.fillRoundRect(MARGIN / 2, top, width - MARGIN, blockHeight, 36, 36);
        } finally {
            band.dispose();
        }
    }

    /** The carousel's page mark, {@code 2/5}, in the top right corner. */
    private static void pageMark(Graphics2D g, BufferedImage card, String mark) {
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, 40);
        FontMetrics metrics = g.getFontMetrics(font);
        int x = card.getWidth() - MARGIN / 2 - metrics.stringWidth(mark) - 24;
        int y = MARGIN / 2;
        Graphics2D mark2d = (Graphics2D) g.create();
        try {
            mark2d.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.5f));
            mark2d.setColor(Color.BLACK);
            mark2d.fillRoundRect(x - 16, y, metrics.stringWidth(mark) + 32, metrics.getHeight() + 12, 24, 24);
        } finally {
            mark2d.dispose();
        }
        g.setFont(font);
        g.setColor(Color.WHITE);
        g.drawString(mark, x, y + 6 + metrics.getAscent());
    }

    /** The words in lines no wider than the width; a word wider than a line is cut into pieces. */
    static List<String> wrap(FontMetrics metrics, String text, int width) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.strip().split("\\R")) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.strip().split("\\s+")) {
                if (word.isEmpty()) {
                    continue;
                }
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (metrics.stringWidth(candidate) <= width) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                String rest = word;
                while (metrics.stringWidth(rest) > width && rest.length() > 1) {
                    int cut = rest.length() - 1;
                    while (cut > 1 && metrics.stringWidth(rest.substring(0, cut)) > width) {
                        cut--;
                    }
                    lines.add(rest.substring(0, cut));
                    rest = rest.substring(cut);
                }
                line.append(rest);
            }
            if (!line.isEmpty()) {
                lines.add(line.toString());
            }
        }
        return lines.isEmpty() ? List.of("") : lines;
    }

    private static int widest(FontMetrics metrics, List<String> lines) {
        return lines.stream().mapToInt(metrics::stringWidth).max().orElse(0);
    }

    /** The mean relative luminance (0 black … 1 white) of an area, sampled every fourth pixel. */
    static double luminance(BufferedImage image, int x, int y, int width, int height) {
        double sum = 0;
        int samples = 0;
        int right = Math.min(image.getWidth(), x + width);
        int bottom = Math.min(image.getHeight(), y + height);
        for (int row = Math.max(0, y); row < bottom; row += 4) {
            for (int column = Math.max(0, x); column < right; column += 4) {
                int rgb = image.getRGB(column, row);
                sum += (0.2126 * ((rgb >> 16) & 0xFF) + 0.7152 * ((rgb >> 8) & 0xFF) + 0.0722 * (rgb & 0xFF)) / 255;
                samples++;
            }
        }
        return samples == 0 ? 0 : sum / samples;
    }

    private static double mix(double from, double to, double amount) {
        return from + (to - from) * amount;
    }

    private static int clamp(double value) {
        return (int) Math.max(0, Math.min(255, Math.round(value)));
    }
}
