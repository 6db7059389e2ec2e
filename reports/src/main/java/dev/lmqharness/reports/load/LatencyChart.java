package dev.lmqharness.reports.load;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

import static dev.lmqharness.reports.html.Html.esc;

/** A small line chart as inline SVG: latency (y, ms, from 0) over fleet size (x, clients, from 0). */
public final class LatencyChart {

    /** One point; {@code note} becomes its tooltip. */
    public record Point(double x, double y, String note) {
    }

    /** One line of the chart. */
    public record Series(String name, String color, List<Point> points) {
    }

    static final int WIDTH = 640;
    static final int HEIGHT = 300;
    private static final int LEFT = 64;
    private static final int RIGHT = 150;
    private static final int TOP = 30;
    private static final int BOTTOM = 44;

    private LatencyChart() {
    }

    public static String svg(String title, String xLabel, String yLabel, List<Series> series, OptionalDouble bound) {
        double maxX = series.stream().flatMap(s -> s.points().stream()).mapToDouble(Point::x).max().orElse(1);
        double maxY = series.stream().flatMap(s -> s.points().stream()).mapToDouble(Point::y).max().orElse(1);
        // The bound joins the scale only when it is near the data; far above, it would flatten the lines.
        boolean boundOnScale = bound.isPresent() && bound.getAsDouble() <= 2 * maxY;
        if (boundOnScale) {
            maxY = Math.max(maxY, bound.getAsDouble());
        }
        double xStep = niceStep(maxX);
        double yStep = niceStep(maxY);
        double xMax = Math.max(xStep, Math.ceil(maxX / xStep) * xStep);
        double yMax = Math.max(yStep, Math.ceil(maxY / yStep) * yStep);
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;

        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"").append(esc(title)).append("\">\n");
        b.append("<text x=\"").append(LEFT).append("\" y=\"18\" font-size=\"13\" font-weight=\"bold\">").append(esc(title)).append("</text>\n");
        // grid and axis labels
        for (double y = 0; y <= yMax + yStep / 2; y += yStep) {
            double py = TOP + plotH - y / yMax * plotH;
            b.append(line(LEFT, py, LEFT + plotW, py, "#e5e5e5", null));
            b.append(text(LEFT - 6, py + 4, fmt(y), "end"));
        }
        for (double x = 0; x <= xMax + xStep / 2; x += xStep) {
            double px = LEFT + x / xMax * plotW;
            b.append(line(px, TOP + plotH, px, TOP + plotH + 4, "#999", null));
            b.append(text(px, TOP + plotH + 17, fmt(x), "middle"));
        }
        b.append(line(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH, "#555", null));
        b.append(line(LEFT, TOP, LEFT, TOP + plotH, "#555", null));
        b.append(text(LEFT + plotW / 2.0, HEIGHT - 6, xLabel, "middle"));
        b.append("<text x=\"14\" y=\"").append(TOP + plotH / 2).append("\" font-size=\"11\" text-anchor=\"middle\" transform=\"rotate(-90 14 ")
                .append(TOP + plotH / 2).append(")\">").append(esc(yLabel)).append("</text>\n");
        if (boundOnScale) {
            double py = TOP + plotH - bound.getAsDouble() / yMax * plotH;
            b.append(line(LEFT, py, LEFT + plotW, py, "#c0392b", "6 4"));
            b.append(text(LEFT + plotW + 4, py + 4, "SLO " + fmt(bound.getAsDouble()) + " ms", "start"));
        } else if (bound.isPresent()) {
            b.append(text(LEFT + plotW + 10, TOP + plotH, "SLO " + fmt(bound.getAsDouble()) + " ms (above)", "start"));
        }
        int legendY = TOP + 8;
        for (Series s : series) {
            StringBuilder pts = new StringBuilder();
            for (Point p : s.points()) {
                pts.append(num(LEFT + p.x() / xMax * plotW)).append(',').append(num(TOP + plotH - p.y() / yMax * plotH)).append(' ');
            }
            if (s.points().size() > 1) {
                b.append("<polyline fill=\"none\" stroke=\"").append(esc(s.color())).append("\" stroke-width=\"2\" points=\"")
                        .append(pts.toString().trim()).append("\"/>\n");
            }
            for (Point p : s.points()) {
                b.append("<circle cx=\"").append(num(LEFT + p.x() / xMax * plotW)).append("\" cy=\"")
                        .append(num(TOP + plotH - p.y() / yMax * plotH)).append("\" r=\"3.5\" fill=\"").append(esc(s.color()))
                        .append("\"><title>").append(esc(s.name() + ": " + fmt(p.x()) + " clients, " + fmt(p.y()) + " ms"
                                + (p.note() == null ? "" : " (" + p.note() + ")"))).append("</title></circle>\n");
            }
            b.append(line(LEFT + plotW + 10, legendY + 20, LEFT + plotW + 28, legendY + 20, s.color(), null));
            b.append(text(LEFT + plotW + 32, legendY + 24, s.name(), "start"));
            legendY += 16;
        }
        b.append("</svg>\n");
        return b.toString();
    }

    /** 1, 2 or 5 times a power of ten, giving about five steps up to {@code max}. */
    static double niceStep(double max) {
        if (!(max > 0)) {
            return 1;
        }
        double raw = max / 5;
        double pow = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / pow;
        double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
        return nice * pow;
    }

    private static String line(double x1, double y1, double x2, double y2, String color, String dash) {
        return "<line x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2) + "\" y2=\"" + num(y2)
                + "\" stroke=\"" + esc(color) + "\"" + (dash == null ? "" : " stroke-dasharray=\"" + dash + "\"") + "/>\n";
    }

    private static String text(double x, double y, String s, String anchor) {
        return "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" font-size=\"11\" text-anchor=\"" + anchor + "\">" + esc(s) + "</text>\n";
    }

    private static String num(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

    static String fmt(double d) {
        if (Math.abs(d - Math.rint(d)) < 1e-9) {
            return String.format(Locale.ROOT, "%,d", (long) Math.rint(d));
        }
        return String.format(Locale.ROOT, d < 10 ? "%.2f" : "%.1f", d);
    }
}
