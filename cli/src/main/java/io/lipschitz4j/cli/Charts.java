package io.lipschitz4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG plots of spectra (XChart), rendered headless to bytes so the report writer can store them atomically. */
public final class Charts {
    static final int WIDTH = 800;
    static final int HEIGHT = 500;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {}

    /** Histogram of values in {@code bins} equal-width bins, drawn as a filled step curve on a numeric axis. */
    public static byte[] histogram(String title, String xLabel, double[] values, int bins) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (values.length == 0) {
            lo = 0;
            hi = 1;
        }
        if (hi == lo) hi = lo + 1;
        double w = (hi - lo) / bins;
        double[] counts = new double[bins];
        for (double v : values) counts[Math.min(bins - 1, (int) ((v - lo) / w))]++;
        // step curve: two points per bin so each bin is a flat top from its left to its right edge
        double[] xs = new double[2 * bins], ys = new double[2 * bins];
        for (int i = 0; i < bins; i++) {
            xs[2 * i] = lo + i * w;
            xs[2 * i + 1] = lo + (i + 1) * w;
            ys[2 * i] = ys[2 * i + 1] = counts[i];
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel).yAxisTitle("count").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setDefaultSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Area);
        chart.getStyler().setXAxisDecimalPattern("0.###");
        chart.getStyler().setYAxisMin(0.0);
        chart.addSeries("count", xs, ys).setMarker(SeriesMarkers.NONE);
        return png(chart);
    }

    /** y[i] against i as points and line, e.g. σ_max per frequency index. */
    public static byte[] line(String title, String xLabel, String yLabel, double[] ys) {
        double[] xs = new double[ys.length];
        for (int i = 0; i < xs.length; i++) xs[i] = i;
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setDefaultSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.addSeries(yLabel, xs.length == 0 ? new double[] {0} : xs, ys.length == 0 ? new double[] {0} : ys).setMarker(SeriesMarkers.NONE);
        return png(chart);
    }

    /** Several named series against a shared x axis (e.g. train and test accuracy per epoch), with a legend. */
    public static byte[] curves(String title, String xLabel, String yLabel, double[] xs, java.util.Map<String, double[]> series) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setDefaultSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setXAxisDecimalPattern("0");
        series.forEach((name, ys) -> chart.addSeries(name, xs.length == 0 ? new double[] {0} : xs, ys.length == 0 ? new double[] {0} : ys)
                .setMarker(SeriesMarkers.CIRCLE));
        return png(chart);
    }

    /**
     * Grouped bars, one group per category (e.g. per layer), one bar per series. With {@code log10} the
     * bars show log₁₀ of the values (XChart's logarithmic axis rejects bar charts), and non-positive or
     * infinite values are left out of that category.
     */
    public static byte[] bars(String title, String yLabel, java.util.List<String> categories, java.util.Map<String, double[]> series, boolean log10) {
        org.knowm.xchart.CategoryChart chart = new org.knowm.xchart.CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .yAxisTitle(log10 ? "log10 " + yLabel : yLabel).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendVisible(series.size() > 1);
        chart.getStyler().setXAxisLabelRotation(45);
        series.forEach((name, ys) -> {
            java.util.List<Double> shown = new java.util.ArrayList<>();
            for (double y : ys) shown.add(!Double.isFinite(y) || log10 && !(y > 0) ? null : log10 ? Math.log10(y) : y);
            chart.addSeries(name, categories.isEmpty() ? java.util.List.of("-") : categories, shown.isEmpty() ? java.util.Arrays.asList((Double) null) : shown);
        });
        return png(chart);
    }

    /** Curves y(x) on a numeric x axis with a chosen tick format (e.g. "0.##" for radii). */
    public static byte[] curves(String title, String xLabel, String yLabel, String xPattern, double[] xs, java.util.Map<String, double[]> series) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setDefaultSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setXAxisDecimalPattern(xPattern);
        series.forEach((name, ys) -> chart.addSeries(name, xs, ys).setMarker(SeriesMarkers.NONE));
        return png(chart);
    }

    /** The chart as PNG bytes (shared with {@link TensorCharts}). */
    static byte[] png(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
